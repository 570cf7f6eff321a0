package dev.junction.wire;

import dev.junction.money.Money;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Numbers a client sends, read without overflow. JSON has no range: {@code 1e999} parses to an infinite
 * double and a 20-digit integer to a {@code BigInteger}, and Jackson's {@code asLong}/{@code asInt}/
 * {@code decimalValue} throw on both. Every client-supplied number goes through one of these rules, so an
 * out-of-range value is a 400 naming the field, never an exception deep in a handler or a translator.
 */
public final class ClientNumbers {
    /**
     * The largest USD amount a client may name (a key limit, a credit grant, a price ceiling): far beyond
     * any real one, and far enough below {@link Money}'s ±9.2 million USD that sums of a few such amounts
     * cannot overflow.
     */
    public static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000);

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ClientNumbers() {}

    /** What is wrong with {@code value} as a whole number within [min, max], if anything. */
    static Optional<String> wholeNumberProblem(JsonNode value, long min, long max) {
        if (!value.isNumber()) {
            return Optional.of("expected a whole number, got " + FieldCheck.describe(value));
        }
        Optional<BigInteger> whole = exactWhole(value);
        if (whole.isEmpty()) {
            return Optional.of(isFinite(value) ? "expected a whole number, got a number"
                    : "must be a whole number between " + min + " and " + max);
        }
        BigInteger n = whole.get();
        if (n.compareTo(LONG_MIN) < 0 || n.compareTo(LONG_MAX) > 0) {
            return Optional.of("must be a whole number between " + min + " and " + max);
        }
        if (n.longValue() < min) {
            return Optional.of("must be at least " + min + ", got " + n);
        }
        return n.longValue() > max ? Optional.of("must be at most " + max + ", got " + n) : Optional.empty();
    }

    /** A whole number within [min, max]; otherwise a 400 naming {@code field}. */
    public static long wholeNumber(JsonNode value, String field, long min, long max) {
        wholeNumberProblem(value, min, max).ifPresent(problem -> {
            throw new InvalidRequestException(field + ": " + problem);
        });
        return exactWhole(value).orElseThrow().longValue();
    }

    /**
     * A whole number forced into [min, max]: for translators that must turn a valid but huge request value
     * (a reasoning budget of 2^40 tokens) into the {@code int} an upstream API takes. Values beyond any range
     * saturate by their sign; a number that is not whole counts as {@code min}.
     */
    public static int clampedInt(JsonNode value, int min, int max) {
        Optional<BigInteger> whole = value.isNumber() ? exactWhole(value) : Optional.empty();
        if (whole.isEmpty()) {
            return value.isNumber() && !isFinite(value) && value.asDouble() > 0 ? max : min;
        }
        BigInteger n = whole.get();
        return n.compareTo(BigInteger.valueOf(max)) > 0 ? max : n.compareTo(BigInteger.valueOf(min)) < 0 ? min : n.intValue();
    }

    /**
     * A non-negative USD amount up to {@link #MAX_USD}, as an exact decimal; otherwise a 400 naming
     * {@code field}. Precision is not checked: a price ceiling may have any number of decimals.
     */
    public static BigDecimal usd(BigDecimal amount, String field) {
        if (amount.signum() < 0) {
            throw new InvalidRequestException(field + ": must not be negative");
        }
        if (amount.compareTo(MAX_USD) > 0) {
            throw new InvalidRequestException(field + ": must be at most " + MAX_USD + " USD");
        }
        return amount;
    }

    /** The exact decimal of a JSON number, as a non-negative USD amount up to {@link #MAX_USD}. */
    public static BigDecimal usd(JsonNode number, String field) {
        if (!isFinite(number)) {
            throw new InvalidRequestException(field + ": must be at most " + MAX_USD + " USD");
        }
        return usd(number.decimalValue(), field);
    }

    /**
     * A USD amount that {@link Money} holds exactly: non-negative, at most {@link #MAX_USD}, with at most 12
     * decimal places. Parse the body with {@link Json#parseExact} so the decimals are the client's own.
     */
    public static Money money(JsonNode number, String field) {
        BigDecimal usd = usd(number, field);
        // Checked before any rescaling: stripping zeros is cheap even for 1e-999999999, setScale is not.
        if (usd.stripTrailingZeros().scale() > Money.SCALE) {
            throw new InvalidRequestException(field + ": at most " + Money.SCALE
                    + " decimal places (amounts are exact to the pico-dollar)");
        }
        return Money.ofUsd(usd);
    }

    /**
     * A number's value as a double for a range check: beyond the double range (a 400-digit integer, or a
     * decimal such as 1e400 from an exact parse) it is infinite with the number's sign, where Jackson's
     * {@code asDouble} throws.
     */
    public static double approximately(JsonNode number) {
        if (number.isBigInteger()) {
            return number.bigIntegerValue().doubleValue();
        }
        if (number.isBigDecimal()) {
            return number.decimalValue().doubleValue();
        }
        return number.asDouble();
    }

    /** The exact integer value of a number that has no fraction (2, 2.0, 2e3); empty if it has one or is infinite. */
    private static Optional<BigInteger> exactWhole(JsonNode number) {
        if (number.isIntegralNumber()) {
            return Optional.of(number.bigIntegerValue());
        }
        if (!isFinite(number)) {
            return Optional.empty();
        }
        // Without trailing zeros a fraction shows as a positive scale, found without expanding 1e-999999999.
        BigDecimal exact = number.decimalValue().stripTrailingZeros();
        if (exact.scale() > 0) {
            return Optional.empty();
        }
        // Beyond 10^20 nothing fits a long anyway; saturating early avoids expanding 1e999999999 into digits.
        if (exact.precision() - exact.scale() > 20) {
            return Optional.of(exact.signum() > 0 ? LONG_MAX.add(BigInteger.ONE) : LONG_MIN.subtract(BigInteger.ONE));
        }
        return Optional.of(exact.toBigIntegerExact());
    }

    /** JSON cannot say NaN or Infinity, but a literal beyond the double range ({@code 1e999}) parses to one. */
    private static boolean isFinite(JsonNode number) {
        return !number.isFloatingPointNumber() || number.isBigDecimal() || Double.isFinite(number.asDouble());
    }
}
