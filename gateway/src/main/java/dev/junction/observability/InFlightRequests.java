package dev.junction.observability;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests the gateway has received and not yet answered in full, across every event loop: what a clean stop
 * waits for, and what its log line reports — how many finished while it waited, and how many it had to cut off.
 */
public final class InFlightRequests {
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();

    public void arrived() {
        open.incrementAndGet();
    }

    /** The request's answer went out in full. */
    public void answered() {
        open.decrementAndGet();
        answered.incrementAndGet();
    }

    /** The connection closed before the answer was out: the client left, or a stop cut it off. */
    public void cut() {
        open.decrementAndGet();
        cut.incrementAndGet();
    }

    public long open() {
        return open.get();
    }

    /** The counts so far, to compare with later ones. */
    public Snapshot snapshot() {
        return new Snapshot(open.get(), answered.get(), cut.get());
    }

    /** @param open requests in flight; {@code answered} and {@code cut}: requests ended so far, each way */
    public record Snapshot(long open, long answered, long cut) {
        /** What happened between {@code earlier} and this. */
        public Snapshot since(Snapshot earlier) {
            return new Snapshot(open, answered - earlier.answered, cut - earlier.cut);
        }
    }
}
