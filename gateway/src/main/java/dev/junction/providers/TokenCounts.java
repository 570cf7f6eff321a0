package dev.junction.providers;

import tools.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * Token counts as an upstream reports them in its usage. They are billed, so they are read without trusting
 * them: a count is a whole number from 0 to {@link Integer#MAX_VALUE} (no context window comes near it). Anything
 * else — negative, fractional, beyond the double range ({@code 1e999}), twenty digits, {@code Long.MAX_VALUE}, a
 * string — is not a count and reads as absent. Jackson's {@code asLong()} would throw on most of these (a 500 on
 * a non-streamed answer), and a count of 2^63 tokens overflows any cost.
 */
public final class TokenCounts {
    private static final int MAX_BITS = 31;

    private TokenCounts() {}

    /** The count, if {@code value} is one. */
    public static OptionalLong of(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return OptionalLong.empty();
        }
        if (value.isIntegralNumber()) {
            BigInteger n = value.bigIntegerValue();
            return n.signum() >= 0 && n.bitLength() <= MAX_BITS ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
        }
        double d = value.isBigDecimal() ? value.decimalValue().doubleValue() : value.asDouble();
        return d >= 0 && d <= Integer.MAX_VALUE && d == Math.rint(d) ? OptionalLong.of((long) d) : OptionalLong.empty();
    }

    /** The count, or {@code fallback} when {@code value} is absent or not a count. */
    public static long orElse(JsonNode value, long fallback) {
        return of(value).orElse(fallback);
    }
}
