package dev.junction.store.journal;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.StoreException;
import dev.junction.store.journal.JournalEntry.FlushRequest;
import dev.junction.store.journal.JournalEntry.Pending;
import dev.junction.store.journal.JournalEntry.SegmentDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that moves journaled records into the database: it takes what has queued up since
 * its last commit (group commit: the busier the gateway, the bigger the batch) and commits it in one
 * transaction together with the segments' new checkpoints. Commits are at least a window apart
 * ({@link #COMMIT_WINDOW}) unless someone waits for a flush: the records are safe in the journal meanwhile, and a
 * transaction per request at low concurrency cost more CPU than the requests themselves, on the cores the event
 * loops need. Segments that are done are deleted only after a durability barrier. A failing database is retried with backoff, never skipped: the records
 * stay in the journal meanwhile.
 */
final class DrainLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DrainLoop.class);
    private static final int MAX_BATCH = 1000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /**
     * The least time from one commit to the next. Measured (bench/RESULTS.md §9): at one request at a time, a
     * commit per request made the writer take about as much CPU as the event loops; 20 ms caps it at 50
     * transactions a second and delays a record's arrival in the database by no more than that.
     */
    static final Duration COMMIT_WINDOW = Duration.ofMillis(20);
    /**
     * How long after a commit the thread keeps polling each window rather than parking until a producer wakes it.
     * An unpark from the event loop came before the client's answer was written, so on two cores the woken writer
     * competed for a core just when the answer was due (strace at one request at a time, bench/RESULTS.md §11);
     * polling costs at most 50 wake-ups a second, and only while records arrive.
     */
    private static final long STAY_AWAKE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final long windowNanos;

    private final Queue<JournalEntry> queue = new ConcurrentLinkedQueue<>();
    private final JournalSink sink;
    private final Thread thread;
    private volatile boolean parked;
    /** A flush request is queued: commit now, without waiting out the window. */
    private volatile boolean flushWanted;
    private volatile boolean stopping;
    private volatile boolean abandoned;
    /** The records of the batch being committed: still not in the database. */
    private volatile int committing;
    private volatile java.util.function.LongConsumer commitTimer = nanos -> {};

    /** @param window the least time from one commit to the next ({@link #COMMIT_WINDOW} in production) */
    DrainLoop(JournalSink sink, Duration window) {
        this.sink = sink;
        this.windowNanos = window.toNanos();
        this.thread = Thread.ofPlatform().name("junction-usage-writer").daemon(true).unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Called by producers; cheap, and wakes the thread only if it is asleep. */
    void add(JournalEntry entry) {
        queue.add(entry);
        if (entry instanceof FlushRequest) {
            flushWanted = true;
            LockSupport.unpark(thread);
            return;
        }
        // Pairs with run(): the producer writes the queue then reads `parked`, the drain thread
        // writes `parked` then reads the queue, so at least one of them sees the other.
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Records queued or being committed (a segment's end and a flush request count as one too: close enough). */
    long depth() {
        return queue.size() + committing;
    }

    void onCommit(java.util.function.LongConsumer commitNanos) {
        commitTimer = commitNanos;
    }

    boolean isRunning() {
        return thread.isAlive() && !abandoned;
    }

    /** Drains what is queued, then ends the thread. */
    void stop() {
        stopping = true;
        LockSupport.unpark(thread);
        join();
    }

    /** Ends the thread without draining (the journal keeps what was not committed). */
    void abandon() {
        abandoned = true;
        stopping = true;
        LockSupport.unpark(thread);
        join();
    }

    private void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while stopping the usage writer", e);
        }
    }

    @Override
    public void run() {
        List<JournalEntry> batch = new ArrayList<>(MAX_BATCH);
        long lastCommit = System.nanoTime() - windowNanos;
        boolean behind = false;
        while (!abandoned) {
            JournalEntry first = queue.poll();
            if (first == null) {
                if (stopping) {
                    return;
                }
                if (windowNanos > 0 && System.nanoTime() - lastCommit < STAY_AWAKE_NANOS) {
                    // Traffic is flowing: look again in a window instead of being woken by the next record.
                    LockSupport.parkNanos(this, windowNanos);
                    continue;
                }
                parked = true;
                if (queue.isEmpty() && !stopping) {
                    LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
                }
                parked = false;
                continue;
            }
            if (!behind) {
                lingerUntil(lastCommit + windowNanos);
            }
            flushWanted = false;
            batch.add(first);
            JournalEntry next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            behind = batch.size() == MAX_BATCH; // the queue may hold more: the next batch goes at once
            process(batch);
            batch.clear();
            lastCommit = System.nanoTime();
        }
        failWaitingFlushes();
    }

    /**
     * Waits until {@code due} (a {@link System#nanoTime} value) for more records to join the batch, unless a flush is
     * wanted or the loop stops. Producers do not wake the thread meanwhile ({@code parked} stays false), which also
     * spares each request an unpark.
     */
    private void lingerUntil(long due) {
        long wait;
        while (!flushWanted && !stopping && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    private void process(List<JournalEntry> batch) {
        List<GenerationRecord> generations = new ArrayList<>(batch.size());
        Map<String, Long> checkpoints = new HashMap<>();
        Map<String, SegmentFile> done = new LinkedHashMap<>();
        List<FlushRequest> flushes = new ArrayList<>();
        for (JournalEntry entry : batch) {
            switch (entry) {
                case Pending p -> {
                    generations.add(p.generation());
                    checkpoints.merge(p.segment().name(), p.end(), Math::max);
                }
                case SegmentDone d -> done.put(d.segment().name(), d.segment());
                case FlushRequest f -> flushes.add(f);
            }
        }
        if (!generations.isEmpty()) {
            committing = generations.size();
            long started = System.nanoTime();
            boolean committed = retrying(() -> sink.commit(generations, checkpoints));
            committing = 0;
            if (!committed) {
                failAll(flushes);
                return;
            }
            commitTimer.accept(System.nanoTime() - started);
        }
        if (!done.isEmpty()) {
            if (!retrying(() -> sink.retire(done.keySet()))) {
                failAll(flushes);
                return;
            }
            List<String> deleted = new ArrayList<>();
            for (SegmentFile segment : done.values()) {
                try {
                    segment.delete();
                    deleted.add(segment.name());
                } catch (StoreException e) {
                    // Its checkpoint row stays, so a later open replays nothing twice.
                    LOG.warn("usage writer: {}", e.getMessage());
                }
            }
            // Losing this (a crash right here) leaves rows without files, which the next open drops.
            retrying(() -> sink.forget(deleted));
        }
        flushes.forEach(f -> f.done().complete(null));
    }

    /** Runs the step until it succeeds; false only when the loop was abandoned meanwhile. */
    private boolean retrying(Runnable step) {
        long backoffMillis = 50;
        while (true) {
            try {
                step.run();
                return true;
            } catch (RuntimeException e) {
                LOG.error("usage writer: {} (retrying in {} ms; the records are safe in the journal)",
                        e.getMessage(), backoffMillis, e);
            }
            if (abandoned) {
                return false;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(backoffMillis));
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        }
    }

    private void failWaitingFlushes() {
        List<FlushRequest> flushes = new ArrayList<>();
        for (JournalEntry e : queue) {
            if (e instanceof FlushRequest f) {
                flushes.add(f);
            }
        }
        failAll(flushes);
    }

    private static void failAll(List<FlushRequest> flushes) {
        flushes.forEach(f -> f.done().completeExceptionally(
                new StoreException("the usage writer stopped before committing; the journal keeps the records")));
    }
}
