package dev.junction.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 exchange over a plain socket, for request targets no {@link java.net.URI} accepts (a malformed
 * %-escape such as {@code /api/v1/keys/%zz}), as a probing client sends them. Waiting for the answer is bounded:
 * a server that never answers fails the test with {@link NoAnswerException} instead of hanging it.
 */
public final class RawHttp {
    private RawHttp() {}

    public record Response(int status, Map<String, String> headers, String body) {
        /** A header by its name in any case. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** The server did not answer within the wait. */
    public static final class NoAnswerException extends RuntimeException {
        NoAnswerException(String message) {
            super(message);
        }
    }

    /** Sends {@code method target} with the given headers and no body; waits at most {@code wait} for the answer. */
    public static Response send(int port, String method, String target, Map<String, String> headers, Duration wait) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) wait.toMillis());
            socket.setSoTimeout((int) wait.toMillis());
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new NoAnswerException(method + " " + target + ": no answer within " + wait);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine.isEmpty()) {
            throw new IOException("the connection closed without an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body = headers.containsKey("content-length")
                ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                : in.readAllBytes();
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
