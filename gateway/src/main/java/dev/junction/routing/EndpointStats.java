package dev.junction.routing;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Rolling statistics of one endpoint, fed by real traffic: time to first token, throughput, and
 * successes, errors and checked tool calls per minute for a day. Written from several event loops, so every method is
 * synchronised; each holds the lock for a few array operations.
 */
final class EndpointStats {
    private static final int SAMPLES = 512;
    private static final int MINUTES = 24 * 60;

    private final double[] latency = new double[SAMPLES];
    private final long[] latencyAt = new long[SAMPLES];
    private int latencyNext;
    private final double[] throughput = new double[SAMPLES];
    private final long[] throughputAt = new long[SAMPLES];
    private int throughputNext;
    private final long[] minute = new long[MINUTES];
    private final int[] successes = new int[MINUTES];
    private final int[] errors = new int[MINUTES];
    private final int[] toolCallsValid = new int[MINUTES];
    private final int[] toolCallsInvalid = new int[MINUTES];
    private long lastFailureAt = Long.MIN_VALUE;
    private boolean failingNow;

    synchronized void success(long nowMillis, long ttftMillis) {
        latency[latencyNext] = ttftMillis;
        latencyAt[latencyNext] = nowMillis;
        latencyNext = (latencyNext + 1) % SAMPLES;
        successes[bucket(nowMillis)]++;
        failingNow = false;
    }

    synchronized void throughput(long nowMillis, double tokensPerSecond) {
        throughput[throughputNext] = tokensPerSecond;
        throughputAt[throughputNext] = nowMillis;
        throughputNext = (throughputNext + 1) % SAMPLES;
    }

    /** An error that counts against uptime (not a rate limit, not the caller's mistake). */
    synchronized void failure(long nowMillis) {
        errors[bucket(nowMillis)]++;
        lastFailureAt = nowMillis;
        failingNow = true;
    }

    /** Tool calls the endpoint produced, checked against the request's tools: well-formed and matching, or not. */
    synchronized void toolCalls(long nowMillis, int valid, int invalid) {
        int b = bucket(nowMillis);
        toolCallsValid[b] += valid;
        toolCallsInvalid[b] += invalid;
    }

    /** The tool calls checked over the last {@code minutes}: {valid, invalid}. */
    synchronized long[] toolCalls(long nowMillis, int minutes) {
        long[] counts = new long[2];
        long current = nowMillis / 60_000;
        for (int i = 0; i < Math.min(minutes, MINUTES); i++) {
            int b = (int) Math.floorMod(current - i, (long) MINUTES);
            if (minute[b] == current - i) {
                counts[0] += toolCallsValid[b];
                counts[1] += toolCallsInvalid[b];
            }
        }
        return counts;
    }

    /** Failed within the window and not succeeded since. */
    synchronized boolean recentOutage(long nowMillis, long windowMillis) {
        return failingNow && nowMillis - lastFailureAt <= windowMillis;
    }

    synchronized long lastFailureAt() {
        return lastFailureAt;
    }

    synchronized Optional<Percentiles> latency(long nowMillis, long windowMillis) {
        return recent(latency, latencyAt, nowMillis, windowMillis);
    }

    synchronized Optional<Percentiles> throughput(long nowMillis, long windowMillis) {
        return recent(throughput, throughputAt, nowMillis, windowMillis);
    }

    /** Percentage of successful requests over the last {@code minutes}; empty without traffic. */
    synchronized OptionalDouble uptime(long nowMillis, int minutes) {
        long current = nowMillis / 60_000;
        long ok = 0;
        long failed = 0;
        for (int i = 0; i < Math.min(minutes, MINUTES); i++) {
            int b = (int) Math.floorMod(current - i, (long) MINUTES);
            if (minute[b] == current - i) {
                ok += successes[b];
                failed += errors[b];
            }
        }
        return ok + failed == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * ok / (ok + failed));
    }

    private int bucket(long nowMillis) {
        long current = nowMillis / 60_000;
        int b = (int) Math.floorMod(current, (long) MINUTES);
        if (minute[b] != current) {
            minute[b] = current;
            successes[b] = 0;
            errors[b] = 0;
            toolCallsValid[b] = 0;
            toolCallsInvalid[b] = 0;
        }
        return b;
    }

    private static Optional<Percentiles> recent(double[] values, long[] at, long nowMillis, long windowMillis) {
        double[] window = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (at[i] != 0 && nowMillis - at[i] <= windowMillis) {
                window[n++] = values[i];
            }
        }
        return Percentiles.of(window, n);
    }
}
