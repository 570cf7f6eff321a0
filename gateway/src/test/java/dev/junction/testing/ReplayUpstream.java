package dev.junction.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upstream that answers every request with a prepared reply — a recorded provider response, byte for byte —
 * and keeps what it received, for golden tests of translators through the real gateway. Streamed bodies go out
 * in small writes so that events and UTF-8 sequences straddle network reads, as they do on a real connection.
 */
public final class ReplayUpstream implements AutoCloseable {
    private static final int WRITE_BYTES = 61;

    /**
     * The next answer: status, headers, content type and exact body. {@code holdOpen}: a stream's body is
     * sent but the response never ends — an upstream still generating, for a client to hang up on.
     */
    public record Reply(int status, Map<String, String> headers, String contentType, String body, boolean holdOpen) {
        public Reply(int status, Map<String, String> headers, String contentType, String body) {
            this(status, headers, contentType, body, false);
        }
    }

    /** One request as it arrived: lower-cased header names. */
    public record Received(String method, String path, Map<String, String> headers, String body) {}

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final HttpServer server;
    private volatile Reply reply = new Reply(500, Map.of(), "text/plain", "no reply prepared");

    public ReplayUpstream() {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
    }

    /** e.g. {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /** Prepares the answer to the requests that follow and forgets what was received so far. */
    public void reply(Reply next) {
        received.clear();
        reply = next;
    }

    /** The next request received, waiting for it up to {@code timeout}. */
    public Optional<Received> nextRequest(Duration timeout) {
        try {
            return Optional.ofNullable(received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            received.add(new Received(request.method().name(), request.path(), headers, body.toString(StandardCharsets.UTF_8)));
            Reply answer = reply;
            HttpServerResponse response = request.response().setStatusCode(answer.status());
            answer.headers().forEach(response::putHeader);
            response.putHeader("content-type", answer.contentType());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            if (!answer.contentType().startsWith("text/event-stream")) {
                response.end(Buffer.buffer(bytes));
                return;
            }
            response.setChunked(true);
            for (int i = 0; i < bytes.length; i += WRITE_BYTES) {
                response.write(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + WRITE_BYTES))));
            }
            if (!answer.holdOpen()) {
                response.end();
            }
        });
    }

    @Override
    public void close() {
        server.close().await();
        vertx.close().await();
    }
}
