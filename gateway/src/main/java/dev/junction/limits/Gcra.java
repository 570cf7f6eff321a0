package dev.junction.limits;

/**
 * The arithmetic of the generic cell rate algorithm, shared by the local limiter and mirrored line by
 * line in the Redis script ({@code cluster/admit.lua}). The state of a scope is its theoretical arrival
 * time {@code tat}: when the schedule of admitted requests will have drained. All times in microseconds.
 */
public final class Gcra {
    private Gcra() {}

    /**
     * How long the request must wait, 0 when it may go now.
     *
     * @param tat the scope's stored theoretical arrival time, 0 when it has none
     */
    public static long waitMicros(long tat, long now, RateRule rule) {
        long scheduled = Math.max(tat, now);
        long ahead = scheduled - now; // how far the schedule runs ahead of now before this request
        return Math.max(0, ahead - rule.toleranceMicros());
    }

    /** The scope's new theoretical arrival time once the request is admitted. */
    public static long admitted(long tat, long now, RateRule rule) {
        return Math.max(tat, now) + rule.emissionMicros();
    }

    /** Requests that may still go at once after one that moved the schedule to {@code tat}. */
    public static long remaining(long tat, long now, RateRule rule) {
        long ahead = Math.max(0, tat - now);
        return Math.max(0, (rule.toleranceMicros() + rule.emissionMicros() - ahead) / rule.emissionMicros());
    }
}
