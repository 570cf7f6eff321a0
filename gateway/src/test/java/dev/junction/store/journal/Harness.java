package dev.junction.store.journal;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.InstanceId;
import dev.junction.store.StoreException;
import dev.junction.store.Stores;
import dev.junction.store.TestDatabase;
import dev.junction.store.jdbc.JdbcDatabase;
import dev.junction.store.jdbc.JdbcJournalSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A recorder with its journal in {@code dataDir} over a real database (SQLite or PostgreSQL), with a
 * gate in front of the database: while it is shut, commits fail as if the database were unavailable,
 * so records stay only in the journal.
 */
final class Harness implements AutoCloseable {
    final Path dataDir;
    final JdbcDatabase database;
    final GatedSink sink;
    final JournaledUsageRecorder recorder;

    private Harness(Path dataDir, JdbcDatabase database, GatedSink sink, JournaledUsageRecorder recorder) {
        this.dataDir = dataDir;
        this.database = database;
        this.sink = sink;
        this.recorder = recorder;
    }

    static Harness open(TestDatabase db, Path dataDir, long segmentSize, boolean gateOpen) {
        return open(db, dataDir, segmentSize, gateOpen, DrainLoop.COMMIT_WINDOW);
    }

    static Harness open(TestDatabase db, Path dataDir, long segmentSize, boolean gateOpen, Duration commitWindow) {
        JdbcDatabase database = db.openDatabase();
        JdbcJournalSink jdbcSink = new JdbcJournalSink(database, InstantSource.system(), InstanceId.loadOrCreate(dataDir));
        jdbcSink.adoptCheckpointsWithoutInstance();
        GatedSink sink = new GatedSink(jdbcSink, gateOpen);
        return new Harness(dataDir, database, sink,
                JournaledUsageRecorder.open(journalDir(dataDir), sink, Duration.ofMillis(20), segmentSize, commitWindow));
    }

    static Path journalDir(Path dataDir) {
        return dataDir.resolve(Stores.JOURNAL_DIR);
    }

    static List<Path> segments(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(journalDir(dataDir))) {
            return files.filter(p -> p.toString().endsWith(SegmentFormat.SUFFIX)).sorted().toList();
        }
    }

    void record(GenerationRecord g) {
        recorder.record(g);
    }

    /** Dies as a killed process would: no flush, no drain, segments left on disk. */
    void crash() throws Exception {
        recorder.abandon();
        database.closer().close();
    }

    @Override
    public void close() throws Exception {
        recorder.close();
        database.closer().close();
    }

    static final class GatedSink implements JournalSink {
        private final JournalSink delegate;
        private volatile boolean open;
        /** Transactions committed through the gate. */
        final java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();

        GatedSink(JournalSink delegate, boolean open) {
            this.delegate = delegate;
            this.open = open;
        }

        void open() {
            open = true;
        }

        void shut() {
            open = false;
        }

        private void check() {
            if (!open) {
                throw new StoreException("database unavailable (test gate shut)");
            }
        }

        @Override
        public Map<String, Long> checkpoints() {
            return delegate.checkpoints();
        }

        @Override
        public void commit(List<GenerationRecord> generations, Map<String, Long> checkpoints) {
            check();
            delegate.commit(generations, checkpoints);
            commits.incrementAndGet();
        }

        @Override
        public void retire(Collection<String> segments) {
            check();
            delegate.retire(segments);
        }

        @Override
        public void forget(Collection<String> segments) {
            delegate.forget(segments);
        }
    }
}
