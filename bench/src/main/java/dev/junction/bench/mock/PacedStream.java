package dev.junction.bench.mock;

import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.util.concurrent.TimeUnit;

/**
 * One streamed answer of the mock. Chunk {@code i} is due {@code i × interval} after the first, on a
 * fixed schedule rather than "interval after the previous write", so timer lateness never accumulates
 * and every run paces the same way.
 */
final class PacedStream {
    private final Vertx vertx;
    private final HttpServerResponse response;
    private final MockBodies bodies;
    private final int chunks;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private int next;
    private Timer timer;
    private boolean closed;

    PacedStream(Vertx vertx, HttpServerResponse response, MockBodies bodies, int chunks, int intervalMs) {
        this.vertx = vertx;
        this.response = response;
        this.bodies = bodies;
        this.chunks = chunks;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }

    void start() {
        response.closeHandler(v -> {
            closed = true;
            if (timer != null) {
                timer.cancel();
            }
        });
        tick();
    }

    private void tick() {
        timer = null;
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        // Everything that is due goes out now; a late timer never drops a chunk, it sends it late.
        while (next < chunks && startNanos + next * intervalNanos <= now) {
            response.write(bodies.chunk(next++));
        }
        if (next == chunks) {
            response.end(MockBodies.STREAM_TAIL);
            return;
        }
        // Nanosecond timers: the event loop wakes as close to the due time as its selector allows.
        timer = vertx.timer(startNanos + next * intervalNanos - now, TimeUnit.NANOSECONDS);
        timer.onSuccess(v -> tick());
    }
}
