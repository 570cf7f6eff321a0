package dev.junction.sim.engine;

import dev.junction.sim.SimScript.FailMode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a {@link StreamRenderer}'s frames to an {@link Exchange}: content frames on a fixed schedule, envelope
 * frames at once, nothing while the connection's write queue is full (so a client that stops reading stops the
 * generator, and {@code bytesSent} stays bounded), and nothing at all once the client has gone.
 *
 * <p>Content frame k is due {@code k × interval} after the stream starts. The schedule is absolute, so timer lateness
 * does not accumulate and sub-millisecond intervals ({@code tokens_per_second} above 1000) send small bursts
 * at the right average rate. After a back-pressure stall the overdue frames go out as fast as the client reads.
 */
public final class StreamPump {
    /** A scripted failure: when content frame {@code afterChunks + 1} is due, fail in {@code mode}. */
    public record Failure(int afterChunks, FailMode mode) {
        public Failure {
            Objects.requireNonNull(mode, "mode");
        }
    }

    // Timers below this are not worth it: the frame goes now.
    private static final long MIN_TIMER_NANOS = 500_000;
    // A client that reads as fast as we write never fills the queue; yield the event loop now and then so one
    // unpaced million-token stream cannot starve the other connections.
    private static final int WRITES_PER_TURN = 256;

    private final Exchange exchange;
    private final StreamRenderer renderer;
    private final long intervalNanos;
    private final Optional<Failure> failure;
    private StreamRenderer.Frame pending;
    private int contentSent;
    private long startNanos;

    public StreamPump(Exchange exchange, StreamRenderer renderer, long intervalNanos, Optional<Failure> failure) {
        this.exchange = exchange;
        this.renderer = renderer;
        this.intervalNanos = intervalNanos;
        this.failure = failure;
    }

    /** Sends the response head and starts pumping. */
    public void start(int status, String contentType, Map<String, String> headers) {
        exchange.startStream(status, contentType, headers);
        startNanos = System.nanoTime();
        pump();
    }

    private void pump() {
        int budget = WRITES_PER_TURN;
        while (exchange.isOpen()) {
            if (budget-- == 0) {
                exchange.yieldThen(this::pump);
                return;
            }
            if (pending == null) {
                Optional<StreamRenderer.Frame> next = renderer.next();
                if (next.isEmpty()) {
                    exchange.endStream();
                    return;
                }
                pending = next.get();
            }
            if (pending.content()) {
                long wait = startNanos + contentSent * intervalNanos - System.nanoTime();
                if (wait >= MIN_TIMER_NANOS) {
                    exchange.after(Math.ceilDiv(wait, 1_000_000L), this::pump);
                    return;
                }
                if (failure.isPresent() && failure.get().afterChunks() == contentSent) {
                    fail(failure.get().mode());
                    return;
                }
            }
            if (exchange.writeQueueFull()) {
                exchange.whenDrained(this::pump);
                return;
            }
            exchange.write(pending.bytes());
            if (pending.content()) {
                contentSent++;
            }
            pending = null;
        }
    }

    private void fail(FailMode mode) {
        switch (mode) {
            case DISCONNECT -> exchange.disconnect();
            case ERROR_EVENT -> {
                exchange.write(renderer.errorEvent());
                exchange.endStreamFailed();
            }
        }
    }
}
