package dev.junction.bench.load;

/**
 * Reads one SSE response as it arrives and checks it chunk by chunk. Content chunk {@code i} of the
 * mock carries {@code "content":"w<i> "}; each event must carry exactly one such chunk, in order. An
 * event with two is a merged chunk (two upstream events fused into one), a missing number a lost one.
 * Arrival times are those of the socket read that delivered the event's end.
 */
final class SseCheck implements HttpConnection.BodySink {
    private static final byte[] MARKER = "\"content\":\"w".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "\"error\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What the stream's events are reported to. */
    interface Events {
        /** Content chunk {@code index} arrived at {@code nanos}. */
        void chunk(int index, long nanos);
    }

    private byte[] event = new byte[4096];
    private int length;
    private boolean lastWasNewline;
    private Events events;
    private int expected;
    int lost;
    int merged;
    int outOfOrder;
    int chunks;
    boolean done;
    /** The first event that carried an error, kept to say why a stream failed. */
    String error;

    void reset(Events events) {
        this.events = events;
        length = 0;
        lastWasNewline = false;
        expected = 0;
        lost = 0;
        merged = 0;
        outOfOrder = 0;
        chunks = 0;
        done = false;
        error = null;
    }

    /** Called after the response ended: chunks that never came are lost. */
    void finish(int expectedChunks) {
        if (expected < expectedChunks) {
            lost += expectedChunks - expected;
            expected = expectedChunks;
        }
    }

    @Override
    public void body(byte[] bytes, int offset, int n, long readNanos) {
        for (int i = offset; i < offset + n; i++) {
            byte b = bytes[i];
            if (b == '\n' && lastWasNewline) {
                dispatch(readNanos);
                length = 0;
                lastWasNewline = false;
                continue;
            }
            lastWasNewline = b == '\n';
            if (length == event.length) {
                event = java.util.Arrays.copyOf(event, length * 2);
            }
            event[length++] = b;
        }
    }

    private void dispatch(long nanos) {
        if (length == 0 || event[0] == ':') {
            return; // a comment (keep-alive)
        }
        if (startsWith(DONE)) {
            done = true;
            return;
        }
        if (error == null && contains(ERROR)) {
            error = new String(event, 0, Math.min(length, 600), java.nio.charset.StandardCharsets.UTF_8);
        }
        int found = 0;
        for (int at = find(MARKER, 0); at >= 0; at = find(MARKER, at + MARKER.length)) {
            found++;
            int index = 0;
            for (int j = at + MARKER.length; j < length && event[j] >= '0' && event[j] <= '9'; j++) {
                index = index * 10 + (event[j] - '0');
            }
            chunk(index, nanos);
        }
        if (found > 1) {
            merged += found - 1;
        }
    }

    private void chunk(int index, long nanos) {
        chunks++;
        if (index == expected) {
            expected++;
        } else if (index > expected) {
            lost += index - expected;
            expected = index + 1;
        } else {
            outOfOrder++;
            return;
        }
        events.chunk(index, nanos);
    }

    private boolean startsWith(byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (event[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(byte[] needle) {
        return find(needle, 0) >= 0;
    }

    private int find(byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (event[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
