package dev.junction.providers;

import dev.junction.wire.JsonBuffers;
import dev.junction.accounting.TokenUsage;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

import java.util.function.Function;

/**
 * An upstream SSE response relayed through a protocol's stream translator. The transport is here once for
 * every provider: bytes are decoded into events on the event loop as they arrive, pause and resume act on the
 * upstream response itself (back-pressure), cancel resets the request, and once the stream has ended or failed
 * nothing more is delivered and a failed upstream request is reset so its connection is not left half-read.
 * Data keeps the exchange's idle timeout from firing; the end of the stream stops it. Events are parsed
 * where they lie in the decoder's buffer, without a copy per event.
 * What the events mean is the translator's business.
 */
public final class SseRelay implements UpstreamStream {
    /** One stream's translation of events into chunks; it emits to the listener it was made with. */
    public interface Translator {
        /**
         * One SSE event: its {@code event:} name and the first {@code length} bytes of {@code data}, which
         * the decoder reuses — parse them in place, do not keep them.
         */
        void event(String name, byte[] data, int length);

        /** The response body ended without a transport error. */
        void bodyEnded();

        /** The connection failed or timed out. */
        void transportFailed(UpstreamFailure failure);
    }

    private final UpstreamHttp.Exchange exchange;
    private final AbortSignal abort;
    private final String providerName;
    private final Function<StreamListener, Translator> translators;
    private Translator translator;
    private SseDecoder decoder;
    private boolean finished;
    private boolean sawEvent;

    /** @param translators makes the stream's translator, given the listener it must emit to */
    public SseRelay(UpstreamHttp.Exchange exchange, AbortSignal abort, String providerName,
                    Function<StreamListener, Translator> translators) {
        this.exchange = exchange;
        this.abort = abort;
        this.providerName = providerName;
        this.translators = translators;
    }

    @Override
    public void start(StreamListener listener) {
        translator = translators.apply(new Guard(listener));
        decoder = new SseDecoder((SseDecoder.RangeHandler) (name, data, length) -> {
            sawEvent = true;
            translator.event(name, data, length);
        });
        var response = exchange.response();
        response.handler(this::onData);
        response.exceptionHandler(this::onException);
        exchange.onFailure(this::onException);
        response.endHandler(v -> {
            if (!finished) {
                decoder.finish();
            }
            if (!finished && !sawEvent) {
                // A 2xx body with not one event in it is not a stream, however it was labelled.
                translator.transportFailed(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, providerName,
                        providerName + " ended a streaming answer without sending any event"));
            } else if (!finished) {
                translator.bodyEnded();
            }
        });
        response.resume();
    }

    @Override
    public void pause() {
        exchange.response().pause();
    }

    @Override
    public void resume() {
        if (!finished) {
            exchange.response().resume();
        }
    }

    @Override
    public void cancel() {
        finished = true;
        exchange.done();
        exchange.request().reset();
    }

    private void onData(Buffer buffer) {
        exchange.dataReceived();
        if (!finished) {
            JsonBuffers.bytes(buffer, decoder::feed);
        }
    }

    private void onException(Throwable t) {
        if (!finished) {
            translator.transportFailed(UpstreamHttp.classify(t, abort, providerName));
        }
    }

    /** Passes the translator's output on until the stream is over, and marks when it is. */
    private final class Guard implements StreamListener {
        private final StreamListener listener;

        Guard(StreamListener listener) {
            this.listener = listener;
        }

        @Override
        public void onChunk(ObjectNode chunk) {
            if (!finished) {
                listener.onChunk(chunk);
            }
        }

        @Override
        public void onUsage(TokenUsage usage) {
            if (!finished) {
                listener.onUsage(usage);
            }
        }

        @Override
        public void onEnd() {
            if (!finished) {
                finished = true;
                exchange.done();
                listener.onEnd();
            }
        }

        @Override
        public void onError(UpstreamFailure failure) {
            if (!finished) {
                finished = true;
                exchange.done();
                exchange.request().reset();
                listener.onError(failure);
            }
        }
    }
}
