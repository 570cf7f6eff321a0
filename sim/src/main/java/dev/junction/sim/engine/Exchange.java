package dev.junction.sim.engine;

import dev.junction.sim.SimOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One request and its response. Every write goes through here so the {@link LiveRecord} stays exact, and the
 * response's close handler is installed on arrival so that a client leaving at any moment (while the body is read,
 * during the TTFT delay, mid-stream, or while hanging) is recorded at once and stops all further work.
 *
 * <p>Not thread-safe: all methods run on the request's event loop.
 */
public final class Exchange {
    /** Small enough that a client that stops reading stops the generator quickly, large enough not to stall it. */
    public static final int WRITE_QUEUE_MAX_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final Vertx vertx;
    private final SimOptions options;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final LiveRecord record;
    private JsonNode body = MissingNode.getInstance();
    private Optional<String> bodyError = Optional.empty();
    private long timerId = -1;
    private boolean finished;

    public Exchange(Vertx vertx, SimOptions options, HttpServerRequest request, LiveRecord record) {
        this.vertx = vertx;
        this.options = options;
        this.request = request;
        this.response = request.response();
        this.record = record;
        // Vert.x calls this only while this response is in progress on the connection (or the HTTP/2 stream).
        response.closeHandler(v -> clientClosed());
        response.exceptionHandler(e -> LOG.debug("response to {} {} failed", request.method(), request.path(), e));
    }

    /** Takes the request body; JSON is parsed and recorded, anything else is kept as a parse error. */
    public void body(Buffer raw) {
        if (raw.length() == 0) {
            return;
        }
        try {
            body = Json.MAPPER.readTree(raw.getBytes());
            record.body(body);
        } catch (JacksonException e) {
            bodyError = Optional.of(e.getOriginalMessage());
        }
    }

    /** The request ended before its body arrived: the client went away. */
    public void bodyFailed(Throwable cause) {
        LOG.debug("request body of {} {} failed", request.method(), request.path(), cause);
        clientClosed();
    }

    public Vertx vertx() {
        return vertx;
    }

    public SimOptions options() {
        return options;
    }

    public HttpServerRequest request() {
        return request;
    }

    public LiveRecord record() {
        return record;
    }

    /** The parsed body; {@code MissingNode} when it was empty or not JSON. */
    public JsonNode body() {
        return body;
    }

    /** The JSON parse error, when the body was not JSON. */
    public Optional<String> bodyError() {
        return bodyError;
    }

    /** Whether the response can still be written: not ended by us, and the client is still there. */
    public boolean isOpen() {
        return !finished;
    }

    /** Runs {@code then} after {@code ms} on this event loop, unless the exchange closes first. */
    public void after(long ms, Runnable then) {
        if (finished) {
            return;
        }
        if (ms <= 0) {
            then.run();
            return;
        }
        timerId = vertx.setTimer(ms, id -> {
            timerId = -1;
            if (!finished) {
                then.run();
            }
        });
    }

    /** Runs {@code then} on a later turn of this event loop, unless the exchange closes first. */
    public void yieldThen(Runnable then) {
        vertx.getOrCreateContext().runOnContext(v -> {
            if (!finished) {
                then.run();
            }
        });
    }

    /** A complete, non-streamed response. */
    public void respond(int status, String contentType, Buffer content, Map<String, String> headers) {
        if (finished) {
            return;
        }
        head(status, contentType, headers);
        long now = System.nanoTime();
        record.wrote(content.length(), false, now);
        response.end(content);
        finished = true;
        record.completed(now);
    }

    /** A complete response that is a scripted failure (a non-streamed {@code fail_after_chunks}). */
    public void respondFailed(int status, String contentType, Buffer content) {
        if (finished) {
            return;
        }
        head(status, contentType, Map.of());
        long now = System.nanoTime();
        record.wrote(content.length(), false, now);
        response.end(content);
        finished = true;
        record.failed(true, now);
    }

    /** Sends the head of a streamed response now, so the client sees the status before the first event. */
    public void startStream(int status, String contentType, Map<String, String> headers) {
        if (finished) {
            return;
        }
        head(status, contentType, headers);
        response.setChunked(true);
        response.setWriteQueueMaxSize(WRITE_QUEUE_MAX_BYTES);
        response.headers().set("cache-control", "no-cache");
        response.writeHead();
    }

    /** One streamed write. */
    public void write(Buffer chunk) {
        if (finished) {
            return;
        }
        record.wrote(chunk.length(), true, System.nanoTime());
        response.write(chunk);
    }

    /** Whether the connection's write queue is over its limit: stop producing until {@link #whenDrained}. */
    public boolean writeQueueFull() {
        return !finished && response.writeQueueFull();
    }

    /** Runs {@code then} once the write queue has drained, unless the exchange closes first. */
    public void whenDrained(Runnable then) {
        response.drainHandler(v -> {
            response.drainHandler(null);
            if (!finished) {
                then.run();
            }
        });
    }

    public void endStream() {
        if (finished) {
            return;
        }
        response.end();
        finished = true;
        record.completed(System.nanoTime());
    }

    /** Ends a stream after a scripted in-stream error event. */
    public void endStreamFailed() {
        if (finished) {
            return;
        }
        response.end();
        finished = true;
        record.failed(true, System.nanoTime());
    }

    /** Drops the connection (HTTP/1) or resets the stream (HTTP/2) without ending the response. */
    public void disconnect() {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer();
        record.failed(false, System.nanoTime());
        response.reset();
    }

    private void head(int status, String contentType, Map<String, String> headers) {
        record.status(status);
        response.setStatusCode(status);
        response.headers().set("content-type", contentType);
        response.headers().set("x-request-id", "req_" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        headers.forEach(response.headers()::set);
    }

    private void clientClosed() {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer();
        record.cancelled(System.nanoTime());
    }

    private void cancelTimer() {
        if (timerId != -1) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
