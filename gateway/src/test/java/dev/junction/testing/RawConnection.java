package dev.junction.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain TCP connection speaking HTTP/1.1 by hand, for what a well-behaved client cannot send: malformed
 * or oversized request heads, bodies that stop halfway, connections that just sit there. Every read waits
 * at most {@link #PATIENCE}, so a server that never answers fails the test instead of hanging it.
 */
public final class RawConnection implements AutoCloseable {
    /** Generous on purpose: the build host is shared and sometimes starved of CPU. */
    public static final Duration PATIENCE = Duration.ofSeconds(15);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawConnection open(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) PATIENCE.toMillis());
            socket.setSoTimeout((int) PATIENCE.toMillis());
            return new RawConnection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends text as-is (ISO-8859-1, as HTTP heads are); {@code \r\n} line ends are the caller's. */
    public RawConnection send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response read to the end of its {@code Content-Length} body (or to the end of the stream). */
    public record Response(String statusLine, int status, Map<String, String> headers, String body) {
        /** A header's value; names are matched case-insensitively. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public Response readResponse() {
        try {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new AssertionError("the server closed the connection without answering");
            }
            String[] parts = statusLine.split(" ", 3);
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            String length = headers.get("content-length");
            byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
            return new Response(statusLine, Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within " + PATIENCE, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the server closes the connection within {@link #PATIENCE}, discarding anything it still
     * sends; false if it is still open then. A reset counts as closed.
     */
    public boolean closedByServer() {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // whatever else arrives is not the question here
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
