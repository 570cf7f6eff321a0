package dev.junction.store.journal;

import dev.junction.store.StoreException;
import dev.junction.store.journal.JournalEntry.Appended;
import dev.junction.store.journal.JournalEntry.SegmentDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append side of the journal: lanes of memory-mapped segments, their periodic msync, and a small
 * stock of pre-created spare segments.
 *
 * <p>Each appending thread is given a lane, and each lane has its own segment, so
 * the few event loops never contend and a frame in a segment is never preceded by a half-written
 * frame of another thread: when the process dies, every frame before a lane's last completed append
 * is complete too. The lane lock covers the append and the hand-over to the drain queue, so a
 * segment's records reach the queue in file order, which makes a checkpoint (the largest committed
 * end offset) mean "everything before is committed". A full segment is replaced by a spare created
 * in the background, so file creation stays off the event loops.
 */
final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final int SPARES = 2;

    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        LiveSegment current;
    }

    private final Path dir;
    private final long segmentSize;
    private final DrainLoop drain;
    private final Lane[] lanes;
    private final AtomicInteger nextLane = new AtomicInteger();
    /** Round robin on first use, so the first threads (the event loops) each get a lane of their own. */
    private final ThreadLocal<Lane> laneOfThread;
    private final Queue<LiveSegment> spares = new ConcurrentLinkedQueue<>();
    private final Set<LiveSegment> live = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService background;
    private final AtomicLong sequence = new AtomicLong();
    private final String namePrefix;
    private volatile boolean closed;

    Journal(Path dir, long segmentSize, Duration syncInterval, DrainLoop drain) {
        this.dir = dir;
        this.segmentSize = segmentSize;
        this.drain = drain;
        this.lanes = new Lane[Math.max(2, 2 * Runtime.getRuntime().availableProcessors())];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
        this.laneOfThread = ThreadLocal.withInitial(
                () -> lanes[Math.floorMod(nextLane.getAndIncrement(), lanes.length)]);
        // Unique across processes sharing the directory and across restarts of one process.
        this.namePrefix = "%013x-%d-".formatted(System.currentTimeMillis(), ProcessHandle.current().pid());
        this.background = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("junction-journal-sync").daemon(true).factory());
        background.execute(this::refillSpares);
        long nanos = syncInterval.toNanos();
        background.scheduleWithFixedDelay(this::sync, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Writes the record into the calling thread's lane and queues it for the database. */
    void append(byte[] payload) {
        int crc = SegmentFormat.crc(payload);
        Lane lane = laneOfThread.get();
        lane.lock.lock();
        try {
            if (closed) {
                throw new StoreException("the usage recorder is closed");
            }
            LiveSegment segment = lane.current;
            if (segment == null || !segment.fits(payload.length)) {
                if (segment != null) {
                    drain.add(new SegmentDone(segment));
                }
                segment = nextSegment(payload.length);
                lane.current = segment;
            }
            long start = segment.position();
            long end = segment.append(payload, crc);
            drain.add(new Appended(segment, start, end));
        } finally {
            lane.lock.unlock();
        }
    }

    private LiveSegment nextSegment(int payloadLength) {
        long needed = SegmentFormat.HEADER_SIZE + SegmentFormat.FRAME_OVERHEAD + payloadLength;
        LiveSegment spare = needed <= segmentSize ? spares.poll() : null;
        try {
            background.execute(this::refillSpares);
        } catch (RejectedExecutionException e) {
            // closing: no more spares needed
        }
        if (spare != null) {
            return spare;
        }
        // Rare: a burst used up the spares, or one record is larger than a segment.
        LOG.debug("creating a journal segment on the recording thread");
        return newSegment(Math.max(segmentSize, needed));
    }

    private LiveSegment newSegment(long capacity) {
        String name = namePrefix + sequence.incrementAndGet() + SegmentFormat.SUFFIX;
        LiveSegment segment = LiveSegment.create(dir, name, capacity);
        live.add(segment);
        return segment;
    }

    private void refillSpares() {
        try {
            boolean created = false;
            while (!closed && spares.size() < SPARES) {
                spares.add(newSegment(segmentSize));
                created = true;
            }
            if (created) {
                syncDirectory();
            }
        } catch (RuntimeException e) {
            LOG.error("cannot prepare a journal segment: {}", e.getMessage(), e);
        }
    }

    /** msync of every mapped segment: what was recorded survives a power loss from here on. */
    private void sync() {
        try {
            live.removeIf(LiveSegment::isClosed);
            for (LiveSegment segment : live) {
                segment.force();
            }
        } catch (RuntimeException e) {
            LOG.error("cannot sync the usage journal: {}", e.getMessage(), e);
        }
    }

    /** A new file's directory entry must reach the disk too, or a power loss could drop the file. */
    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {}: {}", dir, e.getMessage());
        }
    }

    /** Stops appends and hands every lane's segment to the drain as done; clean shutdown. */
    void seal() {
        closeLanes();
        for (Lane lane : lanes) {
            if (lane.current != null) {
                drain.add(new SegmentDone(lane.current));
                lane.current = null;
            }
        }
    }

    /** After {@link #seal} and a drain: stops the background thread and deletes the unused spares. */
    void closeClean() {
        stopBackground();
        LiveSegment spare;
        while ((spare = spares.poll()) != null) {
            spare.delete();
        }
    }

    /**
     * Stops without draining: forces and releases every segment, leaving the files for the next open
     * to replay, as after a crash.
     */
    void abandon() {
        closeLanes();
        stopBackground();
        for (LiveSegment segment : live) {
            segment.force();
            segment.abandon();
        }
    }

    private void closeLanes() {
        for (Lane lane : lanes) {
            lane.lock.lock();
            try {
                closed = true;
            } finally {
                lane.lock.unlock();
            }
        }
    }

    private void stopBackground() {
        background.shutdown(); // not shutdownNow: an interrupt would close a channel mid-write
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the journal sync thread did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
