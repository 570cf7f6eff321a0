package dev.junction.store.journal;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.StoreException;
import dev.junction.store.UsageRecorder;
import dev.junction.store.journal.JournalEntry.FlushRequest;
import dev.junction.store.journal.JournalEntry.Replayed;
import dev.junction.store.journal.JournalEntry.SegmentDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The crash-safe write-behind {@link UsageRecorder}: {@code record()} appends the record to a
 * memory-mapped journal segment (microseconds, no system call, no lock shared with another event
 * loop) and queues it; a drain thread commits queued records to the database in batches, each batch
 * in one transaction with the journal checkpoints it reaches. At open, whatever the journal holds
 * beyond its checkpoints (a previous process died) is replayed before the recorder is handed out.
 *
 * <p>Guarantees: once {@code record()} returns, the record survives the process being killed
 * (the mapping is in the kernel's page cache), and after the next sync (every {@code syncInterval})
 * a power loss too. Each record is counted once: a replay starts at the checkpoint committed with the
 * records, and the database inserts generations by id and aggregates only rows it inserted.
 */
public final class JournaledUsageRecorder implements UsageRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(JournaledUsageRecorder.class);
    public static final long DEFAULT_SEGMENT_SIZE = 4L * 1024 * 1024;
    private static final Duration CLOSE_FLUSH_LIMIT = Duration.ofSeconds(30);

    private final DrainLoop drain;
    private final Journal journal;
    private volatile boolean closed;
    private volatile boolean drained;

    private JournaledUsageRecorder(DrainLoop drain, Journal journal) {
        this.drain = drain;
        this.journal = journal;
    }

    public static JournaledUsageRecorder open(Path dir, JournalSink sink, Duration syncInterval) {
        return open(dir, sink, syncInterval, DEFAULT_SEGMENT_SIZE);
    }

    /** Replays what a previous process left in {@code dir}, then starts recording. */
    public static JournaledUsageRecorder open(Path dir, JournalSink sink, Duration syncInterval, long segmentSize) {
        return open(dir, sink, syncInterval, segmentSize, DrainLoop.COMMIT_WINDOW);
    }

    /** The same with the least time between two commits to the database (a flush never waits for it). */
    static JournaledUsageRecorder open(Path dir, JournalSink sink, Duration syncInterval, long segmentSize,
                                       Duration commitWindow) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the journal directory " + dir + ": " + e.getMessage(), e);
        }
        DrainLoop drain = new DrainLoop(sink, commitWindow);
        drain.start();
        try {
            replay(dir, sink, drain);
        } catch (RuntimeException e) {
            drain.abandon();
            throw e;
        }
        return new JournaledUsageRecorder(drain, new Journal(dir, segmentSize, syncInterval, drain));
    }

    private static void replay(Path dir, JournalSink sink, DrainLoop drain) {
        Map<String, Long> checkpoints = sink.checkpoints();
        Set<String> present = new HashSet<>();
        long replayed = 0;
        int segments = 0;
        for (Path path : segmentFiles(dir)) {
            String name = path.getFileName().toString();
            present.add(name);
            Optional<RecoveredSegment> taken = RecoveredSegment.tryTakeOver(path);
            if (taken.isEmpty()) {
                LOG.debug("journal segment {} belongs to a running process", name);
                continue;
            }
            RecoveredSegment segment = taken.get();
            RecoveredSegment.Scan scan = segment.scan(checkpoints.getOrDefault(name, SegmentFormat.HEADER_SIZE));
            if (scan.torn()) {
                LOG.warn("journal segment {}: a record at offset {} was cut short by the crash and is ignored",
                        name, scan.validEnd());
            }
            for (RecoveredSegment.Entry entry : scan.entries()) {
                drain.add(new Replayed(entry.generation(), segment, entry.end()));
            }
            drain.add(new SegmentDone(segment));
            replayed += scan.entries().size();
            segments++;
            // One segment at a time keeps memory bounded however much was left behind.
            awaitFlush(drain, Duration.ofDays(365));
        }
        Set<String> orphans = new HashSet<>(checkpoints.keySet());
        orphans.removeAll(present);
        if (!orphans.isEmpty()) {
            sink.forget(orphans);
        }
        if (replayed > 0) {
            LOG.info("replayed {} generation records from {} journal segments", replayed, segments);
        }
    }

    private static List<Path> segmentFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SegmentFormat.SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list the journal directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void record(GenerationRecord generation) {
        if (closed) {
            throw new StoreException("the usage recorder is closed");
        }
        journal.append(GenerationCodec.encode(generation));
    }

    @Override
    public long depth() {
        return drain.depth();
    }

    @Override
    public void onCommit(java.util.function.LongConsumer commitNanos) {
        drain.onCommit(commitNanos);
    }

    @Override
    public void flush() {
        if (closed) {
            return;
        }
        awaitFlush(drain, Duration.ofDays(365));
    }

    private static boolean awaitFlush(DrainLoop drain, Duration limit) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        drain.add(new FlushRequest(done));
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                done.get(1, TimeUnit.SECONDS);
                return true;
            } catch (TimeoutException e) {
                if (!drain.isRunning()) {
                    throw new StoreException("the usage writer is not running");
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
            } catch (ExecutionException e) {
                throw new StoreException("flush failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while flushing usage records", e);
            }
        }
    }

    /**
     * Commits everything and deletes the journal. If the database does not take it within a while,
     * the journal is left as it is and the next open replays it: nothing is lost either way.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        journal.seal();
        boolean drained;
        try {
            drained = awaitFlush(drain, CLOSE_FLUSH_LIMIT);
        } catch (StoreException e) {
            drained = false;
        }
        this.drained = drained;
        if (drained) {
            drain.stop();
            journal.closeClean();
        } else {
            LOG.warn("usage records not yet in the database stay in the journal until the next start");
            drain.abandon();
            journal.abandon();
        }
    }

    @Override
    public boolean drained() {
        return drained;
    }

    /**
     * Stops as a crash would: nothing more is committed, the segments are left on disk, unlocked.
     * For tests of recovery; a real crash needs no call.
     */
    public synchronized void abandon() {
        closed = true;
        drain.abandon();
        journal.abandon();
    }
}
