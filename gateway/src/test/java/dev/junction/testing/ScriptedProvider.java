package dev.junction.testing;

import dev.junction.accounting.TokenUsage;
import dev.junction.providers.Provider;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamRequest;
import dev.junction.providers.UpstreamStream;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

/**
 * A fake upstream at the provider boundary: each call takes the next scripted outcome — a whole answer, a
 * failure, a translator that throws, a stream of events, or a call that never answers until it is aborted.
 * Streams deliver their events synchronously when started, as a fast upstream would.
 */
public final class ScriptedProvider implements Provider {
    /** One scripted call. */
    public sealed interface Call permits Whole, Fails, Throws, Streams, Hangs {}

    /** A whole answer with this text, and the usage the upstream reports (if any). */
    public record Whole(String text, Optional<TokenUsage> usage) implements Call {}

    public record Fails(UpstreamFailure failure) implements Call {}

    public record Throws(RuntimeException error) implements Call {}

    /** Events in order; without a terminal event the stream then waits, until cancelled. */
    public record Streams(List<Event> events) implements Call {}

    public record Hangs() implements Call {}

    public sealed interface Event permits Chunk, Usage, End, Error {}

    public record Chunk(String text) implements Event {}

    public record Usage(TokenUsage usage) implements Event {}

    public record End() implements Event {}

    public record Error(UpstreamFailure failure) implements Event {}

    private final String name;
    private final Queue<Call> calls = new ArrayDeque<>();
    private final List<UpstreamRequest> received = new ArrayList<>();
    private boolean cancelled;

    public ScriptedProvider(String name) {
        this.name = name;
    }

    public ScriptedProvider then(Call call) {
        calls.add(call);
        return this;
    }

    public String name() {
        return name;
    }

    public int calls() {
        return received.size();
    }

    /** Whether a stream was cancelled, or a call aborted. */
    public boolean cancelled() {
        return cancelled;
    }

    public static ObjectNode chunk(String text) {
        ObjectNode chunk = Json.object();
        chunk.put("id", "up-1");
        chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", text);
        return chunk;
    }

    public static UpstreamFailure failure(UpstreamFailure.Kind kind, String providerName, int status, String message) {
        return new UpstreamFailure(kind, providerName, status, message, Optional.empty(), Optional.empty());
    }

    @Override
    public Future<UpstreamCompletion> complete(UpstreamRequest request) {
        received.add(request);
        return switch (next()) {
            case Whole a -> {
                ObjectNode body = Json.object();
                body.put("id", "up-1");
                ObjectNode choice = body.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", a.text());
                choice.put("finish_reason", "stop");
                yield Future.succeededFuture(new UpstreamCompletion(body, a.usage(), Optional.of("up-1")));
            }
            case Fails f -> Future.failedFuture(f.failure().asException());
            case Throws t -> throw t.error();
            case Hangs h -> hang(request);
            case Streams s -> throw new AssertionError("a stream was scripted for a whole answer");
        };
    }

    @Override
    public Future<UpstreamStream> stream(UpstreamRequest request) {
        received.add(request);
        return switch (next()) {
            case Streams s -> Future.succeededFuture(new Scripted(s.events()));
            case Fails f -> Future.failedFuture(f.failure().asException());
            case Throws t -> throw t.error();
            case Hangs h -> hang(request);
            case Whole a -> throw new AssertionError("a whole answer was scripted for a stream");
        };
    }

    private <T> Future<T> hang(UpstreamRequest request) {
        Promise<T> never = Promise.promise();
        request.abort().onAbort(() -> {
            cancelled = true;
            never.tryFail(failure(UpstreamFailure.Kind.CANCELLED, name, 0, "the client closed the connection").asException());
        });
        return never.future();
    }

    private Call next() {
        Call call = calls.poll();
        if (call == null) {
            throw new AssertionError(name + " was called more often than scripted");
        }
        return call;
    }

    private final class Scripted implements UpstreamStream {
        private final List<Event> events;

        Scripted(List<Event> events) {
            this.events = events;
        }

        @Override
        public void start(StreamListener listener) {
            for (Event event : events) {
                if (cancelled) {
                    return;
                }
                switch (event) {
                    case Chunk c -> listener.onChunk(chunk(c.text()));
                    case Usage u -> listener.onUsage(u.usage());
                    case End e -> listener.onEnd();
                    case Error e -> listener.onError(e.failure());
                }
            }
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
