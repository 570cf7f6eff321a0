package dev.junction.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact amount of US dollars in pico-dollars (10⁻¹² USD) held in a {@code long}.
 *
 * <p>Why pico and not nano: per-token prices go down to fractions of a nano-dollar (a $0.0025 per
 * million tokens cache read is 2.5·10⁻⁹ USD per token), and a unit that cannot represent a price
 * exactly loses money on every request. A long of pico-dollars still holds ±9.2 million USD, far
 * beyond any single key or balance a self-hosted gateway manages; arithmetic is overflow-checked so
 * that limit can never wrap silently. Never a {@code double}.
 */
public record Money(long picos) implements Comparable<Money> {
    public static final int SCALE = 12;
    public static final Money ZERO = new Money(0);

    public static Money ofPicos(long picos) {
        return new Money(picos);
    }

    /**
     * Converts a decimal USD amount; fails if it has more than 12 decimal places (it would not be
     * exact) or does not fit.
     */
    public static Money ofUsd(BigDecimal usd) {
        if (usd.signum() == 0) {
            return ZERO;
        }
        // Checked before rescaling, which would expand 1e999999999 (or 1e-999999999) into a billion digits;
        // the message quotes the amount as written for the same reason.
        if (usd.precision() - usd.scale() > 19 || usd.stripTrailingZeros().scale() > SCALE) {
            throw notExact(usd);
        }
        BigInteger picos = usd.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue();
        if (picos.bitLength() > 63) {
            throw notExact(usd);
        }
        return new Money(picos.longValue());
    }

    private static IllegalArgumentException notExact(BigDecimal usd) {
        return new IllegalArgumentException("amount " + usd
                + " USD is not representable exactly (at most 12 decimal places, at most 9,223,372 USD)");
    }

    public static Money ofUsd(String usd) {
        return ofUsd(new BigDecimal(usd));
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(picos, other.picos));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(picos, other.picos));
    }

    /** This amount (a unit price) multiplied by a count of units, such as tokens. */
    public Money times(long units) {
        return new Money(Math.multiplyExact(picos, units));
    }

    public boolean isZero() {
        return picos == 0;
    }

    public boolean isNegative() {
        return picos < 0;
    }

    /** The exact decimal value in USD, without trailing zeros: what goes on the wire as {@code cost}. */
    public BigDecimal toUsd() {
        if (picos == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(picos, SCALE).stripTrailingZeros();
    }

    /** Plain decimal string of the USD value, e.g. {@code "0.00000015"}; the catalog's price format. */
    public String toPlainString() {
        return toUsd().toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(picos, other.picos);
    }

    @Override
    public String toString() {
        return "$" + toPlainString();
    }
}
