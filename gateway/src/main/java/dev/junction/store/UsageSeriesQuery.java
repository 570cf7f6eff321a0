package dev.junction.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Usage summed per time bucket and per group — the dashboard's activity charts. Summed from the generations
 * themselves, so today so far is there, and any split works (the daily aggregates keep neither keys nor apps).
 *
 * @param keyHash only this key's generations
 * @param from    the first bucket's start (inclusive)
 * @param until   the end (exclusive)
 */
public record UsageSeriesQuery(String accountId, Optional<String> keyHash, Instant from, Instant until,
                               Bucket bucket, Split split) {

    /** The length of one bucket: a UTC day, or a UTC hour. */
    public enum Bucket { DAY, HOUR }

    /** What the usage of one bucket is split by. */
    public enum Split { MODEL, PROVIDER, KEY, APP }
}
