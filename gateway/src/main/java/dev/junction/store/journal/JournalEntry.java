package dev.junction.store.journal;

import dev.junction.accounting.GenerationRecord;

import java.util.concurrent.CompletableFuture;

/** What the drain thread takes from its queue, in the order it was put there. */
sealed interface JournalEntry {
    /** A record in {@code segment()}, ending at offset {@code end()}: its checkpoint once committed. */
    sealed interface Pending extends JournalEntry {
        SegmentFile segment();

        long end();

        GenerationRecord generation();
    }

    /**
     * A record just appended to a live segment. Only its position is queued, not the record itself:
     * while the database is unavailable the backlog costs some 50 bytes of heap per record instead of
     * the whole object graph, and decoding happens on the drain thread, off the event loops.
     */
    record Appended(LiveSegment segment, long start, long end) implements Pending {
        @Override
        public GenerationRecord generation() {
            return GenerationCodec.decode(segment.read(start, end));
        }
    }

    /** A record read back from a segment left by an earlier process. */
    record Replayed(GenerationRecord generation, RecoveredSegment segment, long end) implements Pending {}

    /** No more records will come for {@code segment}: once those before are committed, it can go. */
    record SegmentDone(SegmentFile segment) implements JournalEntry {}

    /** Completed once every entry before it is committed. */
    record FlushRequest(CompletableFuture<Void> done) implements JournalEntry {}
}
