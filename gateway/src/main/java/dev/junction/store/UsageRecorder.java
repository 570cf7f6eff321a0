package dev.junction.store;

import dev.junction.accounting.GenerationRecord;

/**
 * Records finished generations behind the response path. {@link #record} is called on an event loop
 * and returns at once, having made the record crash-safe (it survives the process being killed the
 * instant after); the database write happens later, in batches. At start, records that did not reach
 * the database are replayed.
 */
public interface UsageRecorder extends AutoCloseable {
    /**
     * Makes the record crash-safe and queues it for the database; never blocks on I/O. Throws
     * {@link StoreException} only if the recorder is closed or the journal cannot be written (a full
     * disk), in which case the record was not taken.
     */
    void record(GenerationRecord generation);

    /**
     * Waits until everything recorded so far is in the database (shutdown, tests). Blocking: never on
     * an event loop.
     */
    void flush();

    /**
     * After {@link #close()}: whether every record reached the database. False when the database did not take
     * them in time; they then wait in the journal for the next start.
     */
    boolean drained();

    /** Records taken but not yet committed to the database: how far the writer is behind. */
    default long depth() {
        return 0;
    }

    /** {@code commitNanos} is told how long each database commit of a batch took (retries included). */
    default void onCommit(java.util.function.LongConsumer commitNanos) {}

    @Override
    void close();
}
