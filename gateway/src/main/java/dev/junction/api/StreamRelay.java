package dev.junction.api;

import dev.junction.accounting.GenerationSink;
import dev.junction.accounting.Cost;
import dev.junction.accounting.TokenUsage;
import dev.junction.providers.ProviderRegistry;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamFailure;
import dev.junction.routing.AllAttemptsFailedException;
import dev.junction.routing.Attempt;
import dev.junction.routing.AttemptFailure;
import dev.junction.routing.Committed;
import dev.junction.routing.CommittedStream;
import dev.junction.routing.FallbackExecutor;
import dev.junction.routing.RoutePlan;
import dev.junction.wire.FinishReason;
import dev.junction.wire.Json;
import dev.junction.wire.ProducedText;
import dev.junction.wire.ResponseIdentity;
import dev.junction.wire.UsageJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Relays one streamed generation to the client as OpenRouter SSE.
 *
 * <p>While no attempt has produced its first event, a keep-alive comment goes out every interval; the
 * response head is only sent with the first keep-alive or chunk, so a request that fails quickly still
 * gets a proper HTTP error status. After the commit point, chunks are relayed as they come, a final
 * chunk carries usage and cost, then {@code data: [DONE]}. A failure after the head is sent becomes an
 * error chunk. A client that goes away aborts the upstream at once. When the client reads slowly the
 * upstream is paused until the response drains.
 */
final class StreamRelay implements StreamListener {
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final GenerationContext generation;
    private final ProviderRegistry providers;
    private final GenerationSink sink;
    private final Vertx vertx;
    private final long keepAliveMillis;
    private final FallbackExecutor executor;
    private final Promise<Void> done = Promise.promise();

    private long keepAliveTimer = -1;
    private Attempt attempt;
    private List<AttemptFailure> earlierFailures = List.of();
    private CommittedStream stream;
    private ResponseIdentity identity;
    private Optional<TokenUsage> reportedUsage = Optional.empty();
    private Optional<String> upstreamId = Optional.empty();
    private Optional<FinishReason> finish = Optional.empty();
    private long producedChars;
    private boolean finished;

    StreamRelay(HttpServerRequest request, GenerationContext generation, ProviderRegistry providers,
                GenerationSink sink, Vertx vertx, long keepAliveMillis, FallbackExecutor executor) {
        this.request = request;
        this.response = request.response();
        this.generation = generation;
        this.providers = providers;
        this.sink = sink;
        this.vertx = vertx;
        this.keepAliveMillis = keepAliveMillis;
        this.executor = executor;
    }

    Future<Void> run(RoutePlan plan) {
        response.closeHandler(v -> clientGone());
        keepAliveTimer = vertx.setPeriodic(keepAliveMillis, keepAliveMillis, id -> keepAlive());
        executor.stream(plan, a -> providers.forConfig(a.endpoint().provider())
                        .stream(generation.upstreamRequest(a)))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        committed(result.result());
                    } else {
                        notCommitted(result.cause());
                    }
                });
        return done.future();
    }

    private void keepAlive() {
        if (finished || response.ended() || response.closed()) {
            stopKeepAlive();
            return;
        }
        sendHead();
        response.write(Sse.KEEP_ALIVE);
    }

    private void sendHead() {
        if (!response.headWritten()) {
            response.setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Sse.CONTENT_TYPE)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
        }
    }

    private void committed(Committed<CommittedStream> committed) {
        earlierFailures = committed.earlierFailures();
        if (finished) {
            committed.value().cancel();
            recordCancelled(committed.attempt());
            done.tryComplete();
            return;
        }
        stopKeepAlive();
        attempt = committed.attempt();
        stream = committed.value();
        identity = generation.identity(attempt);
        sendHead();
        response.drainHandler(v -> {
            if (!finished) {
                stream.resume();
            }
        });
        stream.start(this);
    }

    private void notCommitted(Throwable error) {
        stopKeepAlive();
        if (generation.abort.aborted()) {
            if (error instanceof AllAttemptsFailedException failed) {
                earlierFailures = failed.failures();
                recordCancelled(failed.last().attempt());
            }
            done.tryComplete();
            return;
        }
        finished = true;
        if (!response.headWritten() || !(error instanceof AllAttemptsFailedException failed)) {
            done.tryFail(error); // the route table answers with the error's own HTTP status
            return;
        }
        attempt = failed.last().attempt();
        earlierFailures = failed.failures();
        identity = generation.identity(attempt);
        writeError(failed.last().failure());
        response.end();
        done.tryComplete();
    }

    @Override
    public void onChunk(ObjectNode chunk) {
        if (finished) {
            return;
        }
        generation.markFirstToken();
        if (upstreamId.isEmpty()) {
            upstreamId = Optional.ofNullable(chunk.get("id")).filter(JsonNode::isString).map(JsonNode::asString);
        }
        producedChars += ProducedText.chars(chunk);
        FinishReason.of(chunk).ifPresent(f -> finish = Optional.of(f));
        response.write(Sse.stamped(identity, chunk, generation.request.api().chunkObject(), null));
        if (response.writeQueueFull()) {
            stream.pause();
        }
    }

    @Override
    public void onUsage(TokenUsage usage) {
        reportedUsage = Optional.of(usage);
    }

    @Override
    public void onEnd() {
        if (finished) {
            return;
        }
        finished = true;
        TokenUsage usage = generation.usage(reportedUsage, producedChars);
        Cost cost = generation.cost(attempt, usage);
        ObjectNode last = Json.object();
        last.putArray("choices");
        response.write(Sse.stamped(identity, last, generation.request.api().chunkObject(), usageField(usage, cost)));
        response.write(Sse.DONE);
        response.end();
        sink.record(generation.record(attempt, earlierFailures, 200, upstreamId, usage, cost, false, finish));
        executor.health().recordThroughput(attempt.endpoint(), usage.completionTokens(), generation.generationMillis());
        done.tryComplete();
    }

    @Override
    public void onError(UpstreamFailure failure) {
        if (finished) {
            return;
        }
        finished = true;
        writeError(failure);
        response.end();
        done.tryComplete();
    }

    /** OpenRouter's mid-stream error: a chunk with a top-level error and finish_reason "error". */
    private void writeError(UpstreamFailure failure) {
        ApiException error = ErrorMapping.upstream(failure);
        TokenUsage usage = generation.partialUsage(reportedUsage, producedChars);
        Cost cost = generation.cost(attempt, usage);
        ObjectNode chunk = Json.object();
        chunk.set("error", ErrorBody.error(error.status(), error.getMessage(), Map.of(
                "error_type", ErrorMapping.errorType(failure), "provider_name", failure.providerName())));
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", "");
        choice.put("finish_reason", "error");
        sendHead();
        response.write(Sse.stamped(identity, chunk, generation.request.api().chunkObject(), usageField(usage, cost)));
        response.write(Sse.DONE);
        sink.record(generation.record(attempt, earlierFailures, error.status(), upstreamId, usage, cost, false,
                Optional.of(new FinishReason("error", Optional.empty()))));
    }

    private static ObjectNode usageField(TokenUsage usage, Cost cost) {
        ObjectNode trailing = Json.object();
        trailing.set("usage", UsageJson.of(usage, cost));
        return trailing;
    }

    private void clientGone() {
        if (finished) {
            return;
        }
        finished = true;
        stopKeepAlive();
        generation.abort.abort();
        if (stream != null) {
            stream.cancel();
            recordCancelled(attempt);
            done.tryComplete();
        }
        // Before the commit point the executor fails with CANCELLED; notCommitted records it.
    }

    private void recordCancelled(Attempt at) {
        TokenUsage usage = generation.partialUsage(reportedUsage, producedChars);
        sink.record(generation.record(at, earlierFailures, 499, upstreamId, usage, generation.cost(at, usage), true,
                Optional.empty()));
    }

    private void stopKeepAlive() {
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
            keepAliveTimer = -1;
        }
    }
}
