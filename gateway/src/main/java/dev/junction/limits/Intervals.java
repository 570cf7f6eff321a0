package dev.junction.limits;

import dev.junction.config.RateLimit;

import java.time.Duration;

/** Intervals written the way the API writes them: {@code 10s}, {@code 1m}, {@code 1d}. */
final class Intervals {
    private Intervals() {}

    static String text(Duration interval) {
        return interval.toMillis() % 1_000 == 0 ? new RateLimit(1, interval).intervalText() : interval.toMillis() + "ms";
    }
}
