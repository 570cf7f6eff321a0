package dev.junction.routing;

import dev.junction.accounting.TokenUsage;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamStream;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An upstream stream that has produced its first event, so the gateway is committed to it. It
 * listens from the moment the attempt starts: events that arrive before the consumer is attached
 * (the first chunk, usage, or the end of a very short stream) are held and replayed in order on
 * {@link #start}; the upstream stays paused meanwhile.
 */
public final class CommittedStream implements UpstreamStream {
    private final UpstreamStream upstream;
    private final List<Runnable> held = new ArrayList<>(2);
    private StreamListener consumer;
    private Runnable onFirstEvent = () -> {};
    private java.util.function.Consumer<UpstreamFailure> onEarlyFailure = f -> {};
    private boolean committed;

    CommittedStream(UpstreamStream upstream) {
        this.upstream = upstream;
    }

    /** Starts the upstream; exactly one of the callbacks runs, for the first chunk/end or a failure before it. */
    void probe(Runnable onFirstEvent, java.util.function.Consumer<UpstreamFailure> onEarlyFailure) {
        this.onFirstEvent = onFirstEvent;
        this.onEarlyFailure = onEarlyFailure;
        upstream.start(new Probe());
    }

    @Override
    public void start(StreamListener listener) {
        consumer = listener;
        for (Runnable event : held) {
            event.run();
        }
        held.clear();
        upstream.resume();
    }

    @Override
    public void pause() {
        upstream.pause();
    }

    @Override
    public void resume() {
        upstream.resume();
    }

    @Override
    public void cancel() {
        upstream.cancel();
    }

    private void deliver(Runnable event) {
        if (consumer != null) {
            event.run();
        } else {
            held.add(event);
        }
    }

    private void commit() {
        if (!committed) {
            committed = true;
            upstream.pause();
            onFirstEvent.run();
        }
    }

    private final class Probe implements StreamListener {
        @Override
        public void onChunk(ObjectNode chunk) {
            deliver(() -> consumer.onChunk(chunk));
            commit();
        }

        @Override
        public void onUsage(TokenUsage usage) {
            deliver(() -> consumer.onUsage(usage));
        }

        @Override
        public void onEnd() {
            deliver(() -> consumer.onEnd());
            commit();
        }

        @Override
        public void onError(UpstreamFailure failure) {
            if (committed) {
                deliver(() -> consumer.onError(failure));
            } else {
                onEarlyFailure.accept(failure);
            }
        }
    }
}
