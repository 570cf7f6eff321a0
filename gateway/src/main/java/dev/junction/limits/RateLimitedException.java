package dev.junction.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request over one of its rate limits: the client gets a 429 telling it when to try again. */
public final class RateLimitedException extends RuntimeException {
    private final RateRule rule;
    private final long retryAfterMicros;
    private final long nowMicros;

    public RateLimitedException(RateRule rule, long retryAfterMicros, long nowMicros) {
        super("Rate limit exceeded: " + rule.describe() + ". Try again in "
                + Math.max(1, (retryAfterMicros + 999_999) / 1_000_000) + "s.", null, false, false);
        this.rule = rule;
        this.retryAfterMicros = retryAfterMicros;
        this.nowMicros = nowMicros;
    }

    public RateRule rule() {
        return rule;
    }

    public long retryAfterMicros() {
        return retryAfterMicros;
    }

    /** {@code Retry-After} and OpenRouter's {@code X-RateLimit-*} headers (the reset as epoch milliseconds). */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(Math.max(1, (retryAfterMicros + 999_999) / 1_000_000)));
        headers.put("X-RateLimit-Limit", Integer.toString(rule.requests()));
        headers.put("X-RateLimit-Remaining", "0");
        headers.put("X-RateLimit-Reset", Long.toString((nowMicros + retryAfterMicros + 999) / 1_000));
        return headers;
    }
}
