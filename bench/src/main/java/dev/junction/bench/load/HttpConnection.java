package dev.junction.bench.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A minimal blocking HTTP/1.1 client connection over a plain socket. A load generator must cost as
 * little and as steadily as possible, so requests are pre-rendered bytes, the read buffer is reused,
 * and reading a response allocates nothing. Understands exactly what the three targets answer with:
 * {@code Content-Length} bodies and chunked bodies.
 */
public final class HttpConnection implements Closeable {
    /** Receives the bytes of a response body as they arrive. */
    public interface BodySink {
        /** @param readNanos when the socket read that delivered these bytes returned */
        void body(byte[] bytes, int offset, int length, long readNanos);
    }

    private static final BodySink DISCARD = (b, o, l, t) -> { };

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private int lim;
    private long lastReadNanos;
    private boolean reusable = true;

    private HttpConnection(Socket socket, int bufferSize) throws IOException {
        this.socket = socket;
        this.buf = new byte[bufferSize];
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static HttpConnection open(String host, int port) throws IOException {
        return open(host, port, 64 * 1024);
    }

    public static HttpConnection open(String host, int port, int bufferSize) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        try {
            socket.connect(new InetSocketAddress(host, port), 10_000);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new HttpConnection(socket, bufferSize);
    }

    public void send(byte[] request) throws IOException {
        out.write(request);
    }

    /** Reads one whole response, discarding its body; returns the status code. */
    public int exchange(byte[] request) throws IOException {
        send(request);
        return read(DISCARD);
    }

    /** Reads one response; the body goes to {@code sink} as it arrives. Returns the status code. */
    public int read(BodySink sink) throws IOException {
        int status = -1;
        long contentLength = -1;
        boolean chunked = false;
        // status line and headers
        while (true) {
            int end = lineEnd();
            if (status < 0) {
                status = parseStatus(pos, end);
            } else if (end == pos) {
                pos = end + 2;
                break;
            } else {
                int colon = indexOf((byte) ':', pos, end);
                if (colon > 0) {
                    if (nameIs(pos, colon, "content-length")) {
                        contentLength = parseDecimal(colon + 1, end);
                    } else if (nameIs(pos, colon, "transfer-encoding")) {
                        chunked = valueContains(colon + 1, end, "chunked");
                    } else if (nameIs(pos, colon, "connection")) {
                        reusable = !valueContains(colon + 1, end, "close");
                    }
                }
            }
            pos = end + 2;
        }
        if (chunked) {
            readChunked(sink);
        } else if (contentLength >= 0) {
            readFixed(contentLength, sink);
        } else {
            reusable = false; // body until close: not produced by any target, but do not hang on it
        }
        return status;
    }

    public boolean reusable() {
        return reusable;
    }

    private void readFixed(long length, BodySink sink) throws IOException {
        long left = length;
        while (left > 0) {
            if (pos == lim) {
                fill();
            }
            int n = (int) Math.min(left, lim - pos);
            sink.body(buf, pos, n, lastReadNanos);
            pos += n;
            left -= n;
        }
    }

    private void readChunked(BodySink sink) throws IOException {
        while (true) {
            int end = lineEnd();
            long size = parseHex(pos, end);
            pos = end + 2;
            if (size == 0) {
                while (true) { // trailers, then the blank line
                    int t = lineEnd();
                    boolean blank = t == pos;
                    pos = t + 2;
                    if (blank) {
                        return;
                    }
                }
            }
            readFixed(size, sink);
            int crlf = lineEnd();
            pos = crlf + 2;
        }
    }

    /** Index of the CR of the next CRLF at or after {@code pos}, reading more as needed. */
    private int lineEnd() throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i + 1 < lim; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    return i;
                }
            }
            from = Math.max(pos, lim - 1);
            int before = pos;
            fill();
            from -= before - pos; // fill() may have compacted the buffer
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            throw new IOException("a response line is longer than " + buf.length + " bytes");
        }
        int n = in.read(buf, lim, buf.length - lim);
        lastReadNanos = System.nanoTime();
        if (n < 0) {
            reusable = false;
            throw new EOFException("connection closed by the server");
        }
        lim += n;
    }

    private int parseStatus(int from, int end) throws IOException {
        // "HTTP/1.1 200 OK"
        int space = indexOf((byte) ' ', from, end);
        if (space < 0 || space + 4 > end) {
            throw new IOException("malformed status line");
        }
        return (buf[space + 1] - '0') * 100 + (buf[space + 2] - '0') * 10 + (buf[space + 3] - '0');
    }

    private int indexOf(byte b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameIs(int from, int end, String lowerName) {
        if (end - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if (Character.toLowerCase((char) buf[from + i]) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean valueContains(int from, int end, String lowerWord) {
        outer:
        for (int i = from; i + lowerWord.length() <= end; i++) {
            for (int j = 0; j < lowerWord.length(); j++) {
                if (Character.toLowerCase((char) buf[i + j]) != lowerWord.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private long parseDecimal(int from, int end) {
        long v = 0;
        for (int i = from; i < end; i++) {
            byte b = buf[i];
            if (b >= '0' && b <= '9') {
                v = v * 10 + (b - '0');
            }
        }
        return v;
    }

    private long parseHex(int from, int end) throws IOException {
        long v = 0;
        boolean any = false;
        for (int i = from; i < end; i++) {
            int d = Character.digit(buf[i], 16);
            if (d < 0) {
                break; // chunk extensions
            }
            v = v * 16 + d;
            any = true;
        }
        if (!any) {
            throw new IOException("malformed chunk size");
        }
        return v;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a benchmark connection: nothing to do about a failure
        }
    }
}
