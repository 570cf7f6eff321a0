package dev.junction.store.journal;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.junction.store.journal.SegmentFormat.FRAME_OVERHEAD;
import static dev.junction.store.journal.SegmentFormat.HEADER_SIZE;

/**
 * A segment left behind by a process that ended without draining it (a crash, a kill, a power loss),
 * found at open. It is read with ordinary file I/O and replayed from its checkpoint.
 */
final class RecoveredSegment implements SegmentFile {
    /** A record found in the segment and the offset just past it (its checkpoint once committed). */
    record Entry(GenerationRecord generation, long end) {}

    /** What a scan found: the valid records, and whether it stopped at a damaged (torn) frame. */
    record Scan(List<Entry> entries, long validEnd, boolean torn) {}

    private final String name;
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private RecoveredSegment(Path path, FileChannel channel, FileLock lock) {
        this.name = path.getFileName().toString();
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the segment over, or nothing when a live process still holds its lock (another Junction
     * process sharing the data directory, or another store in this JVM): its owner will drain it.
     */
    static Optional<RecoveredSegment> tryTakeOver(Path path) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new RecoveredSegment(path, channel, lock));
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new StoreException("cannot open journal segment " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Reads the frames from {@code from} on, stopping at the first zero length (the clean end) or at
     * the first frame whose length or CRC is wrong (a write cut short). A segment whose header never
     * made it to disk held no records. A frame with a good CRC that does not decode is not damage but
     * an incompatible journal, and fails the open rather than being skipped.
     */
    Scan scan(long from) {
        ByteBuffer data;
        try {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new StoreException("journal segment " + path + " is too large: " + size + " bytes");
            }
            data = ByteBuffer.allocate((int) size).order(ByteOrder.BIG_ENDIAN);
            while (data.hasRemaining() && channel.read(data, data.position()) >= 0) {
                // read to the end
            }
            data.flip();
        } catch (IOException e) {
            throw new StoreException("cannot read journal segment " + path + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        if (data.limit() < HEADER_SIZE || data.getInt(0) != SegmentFormat.MAGIC) {
            return new Scan(entries, HEADER_SIZE, false);
        }
        if (data.getInt(4) != SegmentFormat.VERSION) {
            throw new StoreException("journal segment " + path + " has unknown version " + data.getInt(4));
        }
        long at = Math.max(from, HEADER_SIZE);
        boolean torn = false;
        while (at + FRAME_OVERHEAD <= data.limit()) {
            int length = data.getInt((int) at);
            if (length == 0) {
                break;
            }
            if (length < 0 || at + FRAME_OVERHEAD + length > data.limit()) {
                torn = true;
                break;
            }
            byte[] payload = new byte[length];
            data.get((int) (at + FRAME_OVERHEAD), payload);
            if (SegmentFormat.crc(payload) != data.getInt((int) at + 4)) {
                torn = true;
                break;
            }
            at += FRAME_OVERHEAD + length;
            entries.add(new Entry(GenerationCodec.decode(payload), at));
        }
        return new Scan(entries, at, torn);
    }

    @Override
    public synchronized void delete() {
        if (close()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new StoreException("cannot delete journal segment " + path + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void abandon() {
        close();
    }

    private boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
