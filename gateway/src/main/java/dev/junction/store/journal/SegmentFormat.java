package dev.junction.store.journal;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The layout of a journal segment: a 16-byte header (magic, version), then frames of
 * {@code [int length][int crc32c][payload]}, then zeros. The file is zero-filled when created, and a
 * frame's length is stored last, so the first zero length is the end of what was written and a frame
 * cut short by a crash fails its length or CRC check. Big-endian, so a journal can move machines.
 */
final class SegmentFormat {
    static final int MAGIC = 0x4A4E4C53; // "JNLS"
    static final int VERSION = 1;
    static final long HEADER_SIZE = 16;
    static final int FRAME_OVERHEAD = 8;
    static final String SUFFIX = ".seg";
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SegmentFormat() {}

    static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue();
    }
}
