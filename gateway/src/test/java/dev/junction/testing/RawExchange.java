package dev.junction.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 exchange from request bytes written as they are — whatever a client may send, well formed or
 * not — over a fresh connection, with the whole answer bounded by a deadline: a server that never answers, or
 * trickles keep-alives forever, ends as {@link Outcome#TIMED_OUT} instead of hanging the test. Reads
 * {@code Content-Length}, chunked and close-delimited bodies, skips interim 1xx answers, and can hang up in the
 * middle of a server-sent-event stream, as an impatient client does.
 */
public final class RawExchange {
    /** How the exchange ended. */
    public enum Outcome {
        /** A complete answer arrived (or the client hung up as planned after part of it). */
        ANSWERED,
        /** The server closed the connection before a status line arrived. */
        CLOSED_WITHOUT_ANSWER,
        /** The answer began but the connection ended in the middle of it. */
        CUT_SHORT,
        /** The deadline passed first. */
        TIMED_OUT
    }

    /**
     * What came back. {@code events} holds the {@code data:} payloads of an SSE body, in order. When a second
     * request followed on the same connection, {@code followUp} is its answer: status, body; status 0 if the
     * connection closed instead.
     */
    public record Result(Outcome outcome, int status, Map<String, String> headers, byte[] body, List<String> events,
                         boolean hungUp, long millis, String detail, Optional<FollowUp> followUp) {
        /** A header by its name in any case. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The answer to a request sent after the first on the same connection. */
    public record FollowUp(int status, String body, String detail) {}

    /** Closes sockets whose deadline passed; one daemon thread serves every exchange. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "raw-exchange-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * What a Messages stream sends while it waits for its first token. Not part of the answer, as the chat
     * dialect's {@code :} comments are not: a client hanging up after one of these left before the answer began
     * (and before the generation's id), so it does not count towards {@code hangUpAfterEvents}.
     */
    public static final String KEEP_ALIVE = "{\"type\":\"ping\"}";

    private RawExchange() {}

    /**
     * Sends {@code request} to the loopback {@code port} and reads the answer within {@code deadline}.
     * {@code head} says the request was a HEAD (the answer has no body whatever it declares);
     * {@code hangUpAfterEvents} &gt; 0 closes the connection once that many SSE {@code data:} events of the answer
     * have arrived (a Messages stream's {@code ping} keep-alives are not the answer: see {@link #KEEP_ALIVE});
     * {@code hangUpAtOnce} closes it right after sending, before any answer.
     */
    public static Result exchange(int port, byte[] request, boolean head, int hangUpAfterEvents, boolean hangUpAtOnce,
                                  Duration deadline) {
        return exchange(port, request, head, hangUpAfterEvents, hangUpAtOnce, false, deadline);
    }

    /**
     * The same; with {@code followUp}, {@code request} holds a second request after the first (a keep-alive
     * client's next one), whose answer is read after the first answer, when that one was delimited.
     */
    public static Result exchange(int port, byte[] request, boolean head, int hangUpAfterEvents, boolean hangUpAtOnce,
                                  boolean followUp, Duration deadline) {
        long start = System.nanoTime();
        Socket socket = new Socket();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeQuietly(socket), deadline.toMillis(), TimeUnit.MILLISECONDS);
        Reading reading = new Reading(start);
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) deadline.toMillis());
            socket.setTcpNoDelay(true);
            // The server may answer (and close) before it has read a large body: write on the side, read here.
            Thread writer = Thread.ofVirtual().start(() -> write(socket, request));
            if (hangUpAtOnce) {
                writer.join(deadline.toMillis());
                closeQuietly(socket);
                return reading.result(Outcome.ANSWERED, true, "hung up before any answer");
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            boolean delimited = reading.read(in, head, hangUpAfterEvents);
            if (reading.hungUp) {
                closeQuietly(socket);
            }
            Result first = reading.result(Outcome.ANSWERED, reading.hungUp, "");
            if (!followUp || reading.hungUp || !delimited) {
                return first;
            }
            return withFollowUp(first, in, start, deadline);
        } catch (IOException e) {
            boolean late = System.nanoTime() - start >= deadline.toNanos();
            Outcome outcome = late ? Outcome.TIMED_OUT
                    : reading.status == 0 ? Outcome.CLOSED_WITHOUT_ANSWER : Outcome.CUT_SHORT;
            return reading.result(outcome, false, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reading.result(Outcome.TIMED_OUT, false, "interrupted");
        } finally {
            watchdog.cancel(false);
            closeQuietly(socket);
        }
    }

    private static Result withFollowUp(Result first, InputStream in, long start, Duration deadline) {
        Reading next = new Reading(start);
        FollowUp answer;
        try {
            next.read(in, false, 0);
            answer = new FollowUp(next.status, new String(next.body.toByteArray(), StandardCharsets.UTF_8), "");
        } catch (IOException e) {
            boolean late = System.nanoTime() - start >= deadline.toNanos();
            answer = new FollowUp(late ? -1 : next.status, "", (late ? "no answer in time: " : "") + e);
        }
        return new Result(first.outcome(), first.status(), first.headers(), first.body(), first.events(), first.hungUp(),
                first.millis(), first.detail(), Optional.of(answer));
    }

    private static void write(Socket socket, byte[] request) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
        } catch (IOException e) {
            // The server answered and closed without reading everything: the reader sees what it said.
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** The state of one answer being read, kept so that a failure half-way still reports what arrived. */
    private static final class Reading {
        private final long start;
        private int status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final List<String> events = new ArrayList<>();
        /** The events that are part of the answer: all but keep-alives. */
        private int answerEvents;
        /** The body's bytes after its last complete SSE event. */
        private final ByteArrayOutputStream unscanned = new ByteArrayOutputStream();
        private boolean hungUp;

        Reading(long start) {
            this.start = start;
        }

        /** Reads one answer; true if its end was delimited (so another may follow on the connection). */
        boolean read(InputStream in, boolean head, int hangUpAfterEvents) throws IOException {
            do {
                readHead(in);
            } while (status >= 100 && status < 200);
            if (head || status == 204 || status == 304) {
                return true;
            }
            String length = headers.get("content-length");
            if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
                readChunked(in, hangUpAfterEvents);
                return true;
            }
            if (length != null) {
                byte[] bytes = in.readNBytes(Integer.parseInt(length.trim()));
                if (bytes.length < Integer.parseInt(length.trim())) {
                    throw new IOException("the body ended after " + bytes.length + " of " + length + " bytes");
                }
                append(bytes, hangUpAfterEvents);
                return true;
            }
            append(in.readAllBytes(), hangUpAfterEvents);
            return false;
        }

        private void readHead(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("the connection closed before an answer");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            status = Integer.parseInt(parts[1]);
            headers.clear();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                            (a, b) -> a + ", " + b);
                }
            }
        }

        private void readChunked(InputStream in, int hangUpAfterEvents) throws IOException {
            while (!hungUp) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("the chunked body ended without its last chunk");
                }
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                        // trailers carry nothing this client needs
                    }
                    return;
                }
                byte[] chunk = in.readNBytes(n);
                if (chunk.length < n) {
                    throw new IOException("a chunk ended after " + chunk.length + " of " + n + " bytes");
                }
                line(in);
                append(chunk, hangUpAfterEvents);
            }
        }

        /**
         * Adds body bytes and collects every complete SSE event in them, hanging up when enough have come. Only the
         * bytes after the last complete event are scanned again, so a long stream costs its length, not its square.
         */
        private void append(byte[] bytes, int hangUpAfterEvents) {
            body.write(bytes, 0, bytes.length);
            if (!headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
                return;
            }
            unscanned.write(bytes, 0, bytes.length);
            byte[] pending = unscanned.toByteArray();
            int from = 0;
            for (int end = eventEnd(pending, from); end >= 0; end = eventEnd(pending, from)) {
                // "\n\n" is ASCII, so an event's bytes end on a character boundary.
                for (String line : new String(pending, from, end - from, StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith("data:")) {
                        String data = line.substring(5).strip();
                        events.add(data);
                        answerEvents += data.equals(KEEP_ALIVE) ? 0 : 1;
                    }
                }
                from = end + 2;
                if (hangUpAfterEvents > 0 && answerEvents >= hangUpAfterEvents) {
                    hungUp = true;
                    break;
                }
            }
            unscanned.reset();
            unscanned.write(pending, from, pending.length - from);
        }

        /** Where the first blank line ({@code \n\n}) at or after {@code from} starts; -1 if none yet. */
        private static int eventEnd(byte[] bytes, int from) {
            for (int i = from; i + 1 < bytes.length; i++) {
                if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        Result result(Outcome outcome, boolean hungUpNow, String detail) {
            return new Result(outcome, status, Map.copyOf(headers), body.toByteArray(), List.copyOf(events),
                    hungUp || hungUpNow, (System.nanoTime() - start) / 1_000_000, detail, Optional.empty());
        }

        /** A line without its CRLF (or LF); null at the end of the stream before any byte of it. */
        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        }
    }
}
