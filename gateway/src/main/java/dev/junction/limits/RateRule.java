package dev.junction.limits;

import java.time.Duration;

/**
 * One rate to enforce on one counter: at most {@code requests} per {@code interval} for everything that
 * shares {@code scope}, as a burst of up to {@code requests} at once refilled evenly over the interval
 * (GCRA: the generic cell rate algorithm, one timestamp of state per scope).
 *
 * @param scope the counter, e.g. {@code key:<hash>} or {@code free-day:<account>}
 * @param what  what the limit is, for the client: {@code key}, {@code free models per minute}, …
 */
public record RateRule(String scope, String what, int requests, Duration interval) {

    public RateRule {
        if (requests < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a rate allows at least one request per positive interval");
        }
    }

    /** The time one request uses up, in microseconds. */
    public long emissionMicros() {
        return Math.max(1, interval.toNanos() / 1_000 / requests);
    }

    /** How far ahead of now the schedule may run: the burst minus one request. */
    public long toleranceMicros() {
        return emissionMicros() * (requests - 1);
    }

    public String describe() {
        return requests + " requests per " + Intervals.text(interval) + " (" + what + ")";
    }
}
