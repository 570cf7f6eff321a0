package dev.junction.providers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental decoder for {@code text/event-stream} per the WHATWG rules: lines end in LF, CRLF or CR
 * (possibly split across network reads), {@code data:} lines of one event are joined with LF, lines
 * starting with {@code :} are comments, and a blank line dispatches the event. Works on bytes so that a
 * UTF-8 sequence split across reads is never corrupted.
 *
 * <p>Every streamed chunk passes through here, so lines are found with a scan and copied in bulk, a
 * line that arrives whole is read where it lies, and a {@link RangeHandler} gets the event's data
 * without a copy.
 */
public final class SseDecoder {
    /** Receives each complete event. {@code data} is a fresh array the handler may keep. */
    @FunctionalInterface
    public interface Handler {
        void onEvent(String event, byte[] data);
    }

    /**
     * Receives each complete event as the first {@code length} bytes of {@code data}, which the decoder
     * reuses: the handler must be done with them when it returns.
     */
    @FunctionalInterface
    public interface RangeHandler {
        void onEvent(String event, byte[] data, int length);
    }

    private final RangeHandler handler;
    private byte[] line = new byte[512];
    private int lineLength;
    private byte[] data = new byte[512];
    private int dataLength;
    private boolean hasData;
    private String event = "message";
    private boolean afterCarriageReturn;

    public SseDecoder(Handler handler) {
        this.handler = (event, data, length) -> handler.onEvent(event, Arrays.copyOf(data, length));
    }

    public SseDecoder(RangeHandler handler) {
        this.handler = handler;
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    public void feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        if (afterCarriageReturn && i < end) {
            afterCarriageReturn = false;
            if (bytes[i] == '\n') {
                i++;
            }
        }
        while (i < end) {
            int eol = i;
            while (eol < end && bytes[eol] != '\n' && bytes[eol] != '\r') {
                eol++;
            }
            if (eol == end) {
                appendLine(bytes, i, end - i); // the rest of this line comes with the next read
                return;
            }
            if (lineLength == 0) {
                line(bytes, i, eol - i);
            } else {
                appendLine(bytes, i, eol - i);
                int n = lineLength;
                lineLength = 0;
                line(line, 0, n);
            }
            if (bytes[eol] == '\r') {
                if (eol + 1 == end) {
                    afterCarriageReturn = true; // a LF may follow in the next read
                } else if (bytes[eol + 1] == '\n') {
                    eol++;
                }
            }
            i = eol + 1;
        }
    }

    /**
     * The stream ended. A last event without its terminating blank line is still delivered: some
     * upstreams close the connection right after the final {@code data:} line.
     */
    public void finish() {
        if (lineLength > 0) {
            int n = lineLength;
            lineLength = 0;
            line(line, 0, n);
        }
        dispatch();
    }

    private void appendLine(byte[] bytes, int from, int n) {
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(bytes, from, line, lineLength, n);
        lineLength += n;
    }

    /** One complete line, without its terminator. */
    private void line(byte[] bytes, int from, int n) {
        if (n == 0) {
            dispatch();
        } else if (bytes[from] != ':') {
            field(bytes, from, n);
        }
    }

    private void field(byte[] bytes, int from, int n) {
        int end = from + n;
        int colon = from;
        while (colon < end && bytes[colon] != ':') {
            colon++;
        }
        int valueStart = colon < end ? colon + 1 : end;
        if (valueStart < end && bytes[valueStart] == ' ') {
            valueStart++;
        }
        if (is(bytes, from, colon, "data")) {
            if (hasData) {
                appendData((byte) '\n');
            }
            hasData = true;
            int v = end - valueStart;
            if (dataLength + v > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + v));
            }
            System.arraycopy(bytes, valueStart, data, dataLength, v);
            dataLength += v;
        } else if (is(bytes, from, colon, "event")) {
            event = new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8);
        }
        // "id" and "retry" carry nothing a gateway relays.
    }

    private void dispatch() {
        if (hasData) {
            handler.onEvent(event, data, dataLength);
        }
        hasData = false;
        dataLength = 0;
        event = "message";
    }

    private void appendData(byte b) {
        if (dataLength == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[dataLength++] = b;
    }

    private static boolean is(byte[] bytes, int from, int end, String name) {
        if (end - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (bytes[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
