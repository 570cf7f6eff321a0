package dev.junction.routing;

import java.util.Arrays;
import java.util.Optional;

/** p50/p75/p90/p99 of a set of samples (nearest-rank). */
public record Percentiles(double p50, double p75, double p90, double p99) {

    static Optional<Percentiles> of(double[] samples, int count) {
        if (count == 0) {
            return Optional.empty();
        }
        double[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return Optional.of(new Percentiles(rank(sorted, 0.50), rank(sorted, 0.75), rank(sorted, 0.90), rank(sorted, 0.99)));
    }

    private static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
