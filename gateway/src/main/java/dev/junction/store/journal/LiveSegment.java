package dev.junction.store.journal;

import dev.junction.store.StoreException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.junction.store.journal.SegmentFormat.FRAME_OVERHEAD;
import static dev.junction.store.journal.SegmentFormat.HEADER_SIZE;
import static dev.junction.store.journal.SegmentFormat.INT;

/**
 * A segment being appended to through a memory mapping. A store into the mapping is in the kernel's
 * page cache the moment it completes, so it survives the process being killed; {@link #force()}
 * (msync) makes it survive a power loss too.
 *
 * <p>The mapping comes from a shared {@link Arena} rather than a {@code MappedByteBuffer} so that
 * closing it unmaps at once, and a stray access after close fails cleanly instead of touching
 * unmapped memory. Appends are made by one thread at a time (the owning lane holds its lock);
 * {@link #force()} and {@link #delete()} come from other threads and synchronise on the segment.
 */
final class LiveSegment implements SegmentFile {
    private static final int ZERO_CHUNK = 64 * 1024;

    private final String name;
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final Arena arena;
    private final MemorySegment memory;
    private long position = HEADER_SIZE;
    private boolean closed;

    private LiveSegment(String name, Path path, FileChannel channel, FileLock lock, Arena arena, MemorySegment memory) {
        this.name = name;
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.arena = arena;
        this.memory = memory;
    }

    /**
     * Creates, locks, zero-fills and maps a new segment. Zero-filling writes real blocks, so a full
     * disk shows up here as an IOException, on a background thread, and never as a SIGBUS when an
     * event loop first touches a page of a sparse file.
     */
    static LiveSegment create(Path dir, String name, long capacity) {
        Path path = dir.resolve(name);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StoreException("journal segment " + path + " is locked by another process");
            }
            ByteBuffer zeros = ByteBuffer.allocate(ZERO_CHUNK);
            for (long at = 0; at < capacity; at += ZERO_CHUNK) {
                zeros.clear().limit((int) Math.min(ZERO_CHUNK, capacity - at));
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            ByteBuffer header = ByteBuffer.allocate((int) HEADER_SIZE)
                    .putInt(SegmentFormat.MAGIC).putInt(SegmentFormat.VERSION).flip();
            channel.write(header, 0);
            channel.force(true);
            Arena arena = Arena.ofShared();
            MemorySegment memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, capacity, arena);
            return new LiveSegment(name, path, channel, lock, arena, memory);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot create journal segment " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** Where the next frame goes; read and written under the owning lane's lock. */
    long position() {
        return position;
    }

    boolean fits(int payloadLength) {
        return position + FRAME_OVERHEAD + payloadLength <= memory.byteSize();
    }

    long capacity() {
        return memory.byteSize();
    }

    /** Appends one frame and returns the offset just past it; the caller checked {@link #fits}. */
    long append(byte[] payload, int crc) {
        long at = position;
        memory.set(INT, at + 4, crc);
        MemorySegment.copy(payload, 0, memory, ValueLayout.JAVA_BYTE, at + FRAME_OVERHEAD, payload.length);
        // The length goes in last: until it is there, a reader sees the end of the segment.
        memory.set(INT, at, payload.length);
        position = at + FRAME_OVERHEAD + payload.length;
        return position;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * The payload of the frame from {@code start} to {@code end}, as appended earlier: the drain reads
     * it after taking the frame's queue entry, which the appending thread put there after writing it.
     */
    byte[] read(long start, long end) {
        byte[] payload = new byte[(int) (end - start - FRAME_OVERHEAD)];
        MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, start + FRAME_OVERHEAD, payload, 0, payload.length);
        return payload;
    }

    /** msync: what has been appended survives a power loss once this returns. */
    synchronized void force() {
        if (!closed) {
            memory.force();
        }
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
        arena.close();
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases the lock as well
        }
        closeQuietly(channel);
        return true;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
