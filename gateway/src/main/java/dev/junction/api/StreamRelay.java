package dev.junction.api;

import dev.junction.generation.ClientError;
import dev.junction.generation.ClientStream;
import dev.junction.generation.Generation;
import dev.junction.generation.Renderer;
import dev.junction.generation.Settlement;
import dev.junction.generation.StreamRenderer;
import dev.junction.providers.UpstreamFailure;
import dev.junction.routing.AllAttemptsFailedException;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one streamed generation to the client as server-sent events — socket work only: the generation
 * settles and records, the renderer makes the bytes.
 *
 * <p>While no attempt has produced its first event, a keep-alive goes out every interval; the response head
 * is only sent with the first keep-alive or event, so a request that fails quickly still gets a proper HTTP
 * error status. A failure after the head went out becomes the dialect's in-stream error. A client that goes
 * away cancels the generation at once; a client that reads slowly pauses it until the response drains.
 */
final class StreamRelay implements ClientStream {
    static final String CONTENT_TYPE = "text/event-stream";

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Generation generation;
    private final Renderer renderer;
    private final Vertx vertx;
    private final long keepAliveMillis;
    private final Promise<Void> done = Promise.promise();
    private final TurnWrites writes;
    private long keepAliveTimer = -1;
    private StreamRenderer stream;

    StreamRelay(HttpServerRequest request, Generation generation, Renderer renderer, Vertx vertx, long keepAliveMillis) {
        this.request = request;
        this.response = request.response();
        this.generation = generation;
        this.renderer = renderer;
        this.vertx = vertx;
        this.keepAliveMillis = keepAliveMillis;
        // A slow reader holds the upstream back until the response drains (the drain handler is set at the commit).
        this.writes = new TurnWrites(response, vertx.getOrCreateContext(), () -> {
            if (response.writeQueueFull()) {
                generation.pause();
            }
        });
    }

    Future<Void> run() {
        response.closeHandler(v -> generation.cancel());
        keepAliveTimer = vertx.setPeriodic(keepAliveMillis, keepAliveMillis, id -> keepAlive());
        // However the generation ends, nothing more is waited for.
        generation.done().onComplete(ended -> stopKeepAlive());
        generation.stream(this).onComplete(committed -> {
            if (committed.failed()) {
                notCommitted(committed.cause());
                return;
            }
            generation.done().onComplete(ended -> {
                if (ended.failed()) {
                    done.tryFail(ended.cause()); // a bug: the route table ends the response
                } else {
                    done.tryComplete();
                }
            });
        });
        return done.future();
    }

    @Override
    public void committed(ResponseIdentity identity) {
        stopKeepAlive();
        stream = renderer.stream(identity);
        sendHead();
        response.drainHandler(v -> generation.resume());
    }

    @Override
    public void chunk(ObjectNode chunk) {
        writes.write(stream.chunk(chunk));
    }

    @Override
    public void ended(Settlement settlement) {
        writes.end(stream.end(settlement));
    }

    @Override
    public void failed(UpstreamFailure failure, Settlement settlement) {
        writes.end(stream.error(failure, settlement));
    }

    /**
     * No attempt committed. Without a head sent, the route table answers with the error's own HTTP status;
     * after keep-alives, the stream is already a 200 and the last failure goes out in-stream, billed nothing.
     */
    private void notCommitted(Throwable error) {
        stopKeepAlive();
        if (response.closed() || response.ended()) {
            done.tryComplete(); // the client went away; the generation recorded it
            return;
        }
        if (!response.headWritten() || !(error instanceof AllAttemptsFailedException failed)) {
            done.tryFail(error);
            return;
        }
        write(renderer.stream(generation.identity()).error(failed.last().failure(), Settlement.NONE));
        response.end();
        done.tryComplete();
    }

    private void keepAlive() {
        if (response.ended() || response.closed()) {
            stopKeepAlive();
            return;
        }
        sendHead();
        response.write(renderer.keepAlive());
    }

    private void sendHead() {
        if (!response.headWritten()) {
            response.setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            generation.middleOut().ifPresent(note -> response.putHeader(CompletionHandler.MIDDLE_OUT_HEADER, note));
        }
    }

    private void write(Buffer bytes) {
        if (!response.closed() && !response.ended()) {
            response.write(bytes);
        }
    }

    private void stopKeepAlive() {
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
            keepAliveTimer = -1;
        }
    }
}
