package dev.junction.sim.engine;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimScript.FailMode;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out a resolved script for a parsed request, in whatever protocol the {@link Dialect} speaks: hang, wait
 * for the TTFT, then an error, a raw replay, a paced stream, or a complete body delayed by the whole generation time.
 */
public final class ScriptedResponder {
    public static final String JSON = "application/json";

    private ScriptedResponder() {
    }

    public static void respond(Exchange exchange, PromptInfo prompt, SimScript script, Dialect dialect) {
        if (script.hang().orElse(false)) {
            return; // the close handler records the cancellation when the client gives up
        }
        int ttft = script.ttftMs().orElse(0);
        if (script.raw().isPresent()) {
            exchange.after(ttft, () -> replay(exchange, prompt, script, dialect, script.raw().get()));
        } else if (script.isError()) {
            int status = script.status().getAsInt();
            exchange.after(ttft, () -> exchange.respond(status, JSON, dialect.errorBody(status, script),
                    errorHeaders(script)));
        } else if (prompt.stream() && streams(script)) {
            Generation generation = Generation.plan(script, prompt, dialect.textOnly());
            var pump = new StreamPump(exchange, dialect.stream(generation, prompt, script), Pace.intervalNanos(script),
                    failure(script));
            exchange.after(ttft, () -> pump.start(200, dialect.streamContentType(), Map.of()));
        } else {
            respondWhole(exchange, prompt, script, dialect, ttft);
        }
    }

    /**
     * A whole JSON answer that is not a generation (embeddings, rerank) under its script: nothing when it hangs, the
     * scripted error after {@code ttft_ms} when it has one, else the answer after {@code ttft_ms}.
     */
    public static void respondWhole(Exchange exchange, SimScript script, java.util.function.IntFunction<Buffer> errorBody,
                                    java.util.function.Supplier<Buffer> answer) {
        if (script.hang().orElse(false)) {
            return;
        }
        int ttft = script.ttftMs().orElse(0);
        if (script.isError()) {
            int status = script.status().getAsInt();
            exchange.after(ttft, () -> exchange.respond(status, JSON, errorBody.apply(status), errorHeaders(script)));
        } else {
            exchange.after(ttft, () -> exchange.respond(200, JSON, answer.get(), Map.of()));
        }
    }

    /** An upstream that answers with something other than an event stream ignores the request's {@code stream}. */
    private static boolean streams(SimScript script) {
        return script.contentType().map(type -> type.startsWith("text/event-stream")).orElse(true);
    }

    private static void respondWhole(Exchange exchange, PromptInfo prompt, SimScript script, Dialect dialect,
                                     int ttft) {
        Generation generation = Generation.plan(script, prompt, dialect.textOnly());
        long interval = Pace.intervalNanos(script);
        Optional<StreamPump.Failure> failure = failure(script);
        if (failure.isPresent() && failure.get().afterChunks() < generation.pieceCount()) {
            // Without a stream, a "mid-stream" failure happens after the time those pieces took to generate.
            long failAt = ttft + interval * failure.get().afterChunks() / 1_000_000L;
            exchange.after(failAt, () -> {
                if (failure.get().mode() == FailMode.DISCONNECT) {
                    exchange.disconnect();
                } else {
                    exchange.respondFailed(500, JSON, dialect.errorBody(500, script));
                }
            });
            return;
        }
        // A real upstream answers a non-streamed request only when the whole generation is done.
        long generationMs = interval * Math.max(0, generation.pieceCount() - 1) / 1_000_000L;
        exchange.after(ttft + generationMs,
                () -> exchange.respond(200, script.contentType().orElse(JSON), dialect.completion(generation, prompt), Map.of()));
    }

    private static void replay(Exchange exchange, PromptInfo prompt, SimScript script, Dialect dialect,
                               List<String> frames) {
        int status = script.status().orElse(200);
        if (!prompt.stream()) {
            exchange.respond(status, script.contentType().orElse(JSON), Buffer.buffer(String.join("", frames)),
                    errorHeaders(script));
            return;
        }
        String contentType = status < 400 ? script.contentType().orElse(dialect.streamContentType()) : JSON;
        var renderer = new RawRenderer(frames, dialect.streamErrorEvent(script));
        new StreamPump(exchange, renderer, Pace.intervalNanos(script), failure(script))
                .start(status, contentType, errorHeaders(script));
    }

    private static Optional<StreamPump.Failure> failure(SimScript script) {
        return script.failAfterChunks().isPresent()
                ? Optional.of(new StreamPump.Failure(script.failAfterChunks().getAsInt(),
                        script.failMode().orElse(FailMode.DISCONNECT)))
                : Optional.empty();
    }

    private static Map<String, String> errorHeaders(SimScript script) {
        var headers = new HashMap<String, String>();
        script.retryAfter().ifPresent(v -> headers.put("retry-after", v));
        return headers;
    }

    /** Raw frames, each one a paced content write. */
    private static final class RawRenderer implements StreamRenderer {
        private final List<String> frames;
        private final Buffer errorEvent;
        private int next;

        RawRenderer(List<String> frames, Buffer errorEvent) {
            this.frames = frames;
            this.errorEvent = errorEvent;
        }

        @Override
        public Optional<Frame> next() {
            return next < frames.size()
                    ? Optional.of(new Frame(Buffer.buffer(frames.get(next++)), true))
                    : Optional.empty();
        }

        @Override
        public Buffer errorEvent() {
            return errorEvent;
        }
    }
}
