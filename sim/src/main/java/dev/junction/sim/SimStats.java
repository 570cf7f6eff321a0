package dev.junction.sim;

import dev.junction.sim.engine.LiveRecord;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The requests a {@link SimServer} received (control paths under {@code /sim/} excluded). Thread-safe: the server
 * writes from its event loop while tests read from their own thread.
 */
public final class SimStats {
    private final int limit;
    private final ArrayDeque<LiveRecord> records = new ArrayDeque<>();
    private long count;

    SimStats(int limit) {
        this.limit = limit;
    }

    /** Registers an arriving request; the engine fills in the rest of the record as the exchange goes on. */
    synchronized LiveRecord open(String method, String path, Map<String, String> headers, boolean authorized) {
        count++;
        var record = new LiveRecord(count, method, path, headers, authorized, System.nanoTime());
        if (records.size() == limit) {
            records.removeFirst();
        }
        records.addLast(record);
        return record;
    }

    /** Snapshots of the kept records, in arrival order. */
    public List<SimRequestRecord> requests() {
        List<LiveRecord> live;
        synchronized (this) {
            live = new ArrayList<>(records);
        }
        return live.stream().map(LiveRecord::snapshot).toList();
    }

    /** Requests received since the start or the last reset, including those no longer kept. */
    public synchronized long count() {
        return count;
    }

    /** The most recent request. */
    public Optional<SimRequestRecord> last() {
        LiveRecord live;
        synchronized (this) {
            live = records.peekLast();
        }
        return Optional.ofNullable(live).map(LiveRecord::snapshot);
    }

    /**
     * Waits until a kept record matches {@code condition} (e.g. {@code SimRequestRecord::cancelled}) and returns
     * it, or empty after {@code timeout}. For test threads: it polls every millisecond, so never call it on an
     * event loop.
     *
     * @throws IllegalStateException when called on a Vert.x event loop
     */
    public Optional<SimRequestRecord> awaitRequest(Predicate<SimRequestRecord> condition, Duration timeout)
            throws InterruptedException {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("awaitRequest blocks; do not call it on an event loop");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (SimRequestRecord record : requests()) {
                if (condition.test(record)) {
                    return Optional.of(record);
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            Thread.sleep(1);
        }
    }

    /** Forgets all records and restarts the count; exchanges still in flight go on unrecorded. */
    public synchronized void reset() {
        records.clear();
        count = 0;
    }
}
