package dev.junction.store.journal;

import dev.junction.accounting.GenerationRecord;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The database side of the journal: where drained records go, and where each segment's checkpoint
 * (the offset up to which its records are committed) is kept, in the same transaction as the records.
 * Implementations are dialect-neutral JDBC; they throw {@link dev.junction.store.StoreException}.
 */
public interface JournalSink {
    /** Segment name to checkpoint offset, for every segment with records committed. */
    Map<String, Long> checkpoints();

    /**
     * In ONE transaction: inserts the generations that are not there yet (by id), adds exactly those
     * to the usage aggregates, and sets the given checkpoints.
     */
    void commit(List<GenerationRecord> generations, Map<String, Long> checkpoints);

    /**
     * Makes every commit so far survive a power loss (not only a process crash) and marks these
     * segments retired; after this their files may be deleted.
     */
    void retire(Collection<String> segments);

    /** Drops the checkpoint rows of segments whose files are gone. */
    void forget(Collection<String> segments);
}
