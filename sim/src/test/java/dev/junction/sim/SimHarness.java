package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.sim.engine.Json;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A sim on a loopback port and a JDK HTTP/1.1 client pointed at it. */
final class SimHarness implements AutoCloseable {
    // A bound for things that normally take milliseconds; long, so a CPU-starved host does not fail them.
    private static final Duration AWAIT = Duration.ofSeconds(20);

    final Vertx vertx;
    final SimServer sim;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SimHarness(Vertx vertx, SimServer sim) {
        this.vertx = vertx;
        this.sim = sim;
    }

    static SimHarness start(SimOptions options) {
        Vertx vertx = Vertx.vertx();
        SimServer sim = SimServer.start(vertx, options).await();
        return new SimHarness(vertx, sim);
    }

    static SimHarness start() {
        return start(SimOptions.defaults());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + path))
                .header("content-type", "application/json")
                .timeout(AWAIT);
    }

    /** Polls the sim's records until one matches (the sim updates them on its event loop). */
    SimRequestRecord awaitRecord(Predicate<SimRequestRecord> condition) throws InterruptedException {
        return sim.stats().awaitRequest(condition, AWAIT).orElseThrow(
                () -> new AssertionError("no record matched within " + AWAIT + ": " + sim.stats().requests()));
    }

    /** The last record once it is closed (ended, failed or cancelled). */
    SimRequestRecord awaitLastClosed() throws InterruptedException {
        return awaitRecord(r -> r.seq() == sim.stats().count() && r.closed());
    }

    static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    /**
     * Splits an SSE body into its {@code data:} payloads, asserting OpenAI's exact framing: every event is one
     * {@code data: <payload>\n\n}, and the stream ends with {@code data: [DONE]\n\n} unless {@code expectDone} is false.
     */
    static List<String> sseData(String body, boolean expectDone) {
        assertThat(body).endsWith("\n\n");
        var payloads = new ArrayList<String>();
        for (String frame : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            assertThat(frame).startsWith("data: ").doesNotContain("\n");
            payloads.add(frame.substring("data: ".length()));
        }
        if (expectDone) {
            assertThat(payloads.getLast()).isEqualTo("[DONE]");
        } else {
            assertThat(payloads).doesNotContain("[DONE]");
        }
        return payloads;
    }

    /** The JSON events of a stream that ended with [DONE]. */
    static List<JsonNode> sseJson(String body) {
        List<String> data = sseData(body, true);
        return data.subList(0, data.size() - 1).stream().map(SimHarness::json).toList();
    }

    /** A raw HTTP/1.1 connection, for clients that stop reading or vanish mid-response. */
    RawClient raw(int receiveBufferBytes) throws IOException {
        var socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress("127.0.0.1", sim.port()));
        socket.setSoTimeout((int) AWAIT.toMillis());
        return new RawClient(socket);
    }

    static final class RawClient implements AutoCloseable {
        final Socket socket;
        private final StringBuilder received = new StringBuilder();

        RawClient(Socket socket) {
            this.socket = socket;
        }

        void post(String path, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }

        /** Reads until the received text contains {@code marker} {@code times} times. */
        void readUntil(String marker, int times) throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            while (count(marker) < times) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("connection closed after: " + received);
                }
                received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        }

        /** Reads until the tail of what arrived contains {@code marker}, keeping only a small tail in memory. */
        long drainUntil(String marker) throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[65536];
            long total = 0;
            String tail = "";
            while (!tail.contains(marker)) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("connection closed before " + marker);
                }
                total += n;
                String s = tail + new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                tail = s.substring(Math.max(0, s.length() - 256));
            }
            return total;
        }

        /** Reads until the server closes the connection (or resets it); returns the bytes read. */
        long drainUntilClosed() throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            long total = 0;
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    total += n;
                    received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (java.net.SocketException reset) {
                // a reset is a close too
            }
            return total;
        }

        String text() {
            return received.toString();
        }

        private int count(String marker) {
            int count = 0;
            for (int i = received.indexOf(marker); i >= 0; i = received.indexOf(marker, i + 1)) {
                count++;
            }
            return count;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Override
    public void close() {
        http.close();
        sim.close().await();
        vertx.close().await();
    }
}
