package dev.junction.bench.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Histograms in nanoseconds, shared by a run's threads (recording is wait-free). */
public final class Latencies {
    private static final long LOWEST_NANOS = 100;
    private static final long HIGHEST_NANOS = 300_000_000_000L;

    private Latencies() {}

    /** Three significant digits: a 100 µs latency is known to within 0.1 µs. */
    public static Histogram requests() {
        return new ConcurrentHistogram(LOWEST_NANOS, HIGHEST_NANOS, 3);
    }

    /** Four significant digits: a 20 ms inter-chunk gap is known to within ~2 µs. */
    public static Histogram gaps() {
        return new ConcurrentHistogram(LOWEST_NANOS, HIGHEST_NANOS, 4);
    }

    /** Percentile {@code p} (0–100) in microseconds, or NaN for an empty histogram. */
    public static double micros(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
    }
}
