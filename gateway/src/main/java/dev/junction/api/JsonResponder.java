package dev.junction.api;

import dev.junction.accounting.GenerationSink;
import dev.junction.accounting.Cost;
import dev.junction.accounting.TokenUsage;
import dev.junction.providers.ApiKind;
import dev.junction.providers.JsonBuffers;
import dev.junction.providers.ProviderRegistry;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.routing.AllAttemptsFailedException;
import dev.junction.routing.Attempt;
import dev.junction.routing.Committed;
import dev.junction.routing.FallbackExecutor;
import dev.junction.routing.RoutePlan;
import dev.junction.wire.FinishReason;
import dev.junction.wire.Json;
import dev.junction.wire.ProducedText;
import dev.junction.wire.ResponseIdentity;
import dev.junction.wire.UsageJson;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** Answers a non-streaming request: the first attempt that succeeds, rewritten into the OpenRouter dialect. */
final class JsonResponder {
    private final HttpServerRequest request;
    private final GenerationContext generation;
    private final ProviderRegistry providers;
    private final GenerationSink sink;
    private final FallbackExecutor executor;

    JsonResponder(HttpServerRequest request, GenerationContext generation, ProviderRegistry providers, GenerationSink sink,
                  FallbackExecutor executor) {
        this.request = request;
        this.generation = generation;
        this.providers = providers;
        this.sink = sink;
        this.executor = executor;
    }

    Future<Void> run(RoutePlan plan) {
        HttpServerResponse response = request.response();
        response.closeHandler(v -> generation.abort.abort());
        return executor.complete(plan, attempt -> providers.forConfig(attempt.endpoint().provider())
                        .complete(generation.upstreamRequest(attempt)))
                .onFailure(this::recordIfCancelled)
                .compose(this::respond);
    }

    private Future<Void> respond(Committed<UpstreamCompletion> committed) {
        Attempt attempt = committed.attempt();
        UpstreamCompletion completion = committed.value();
        generation.markFirstToken();
        TokenUsage usage = generation.usage(completion.usage(), ProducedText.chars(completion.body()));
        Cost cost = generation.cost(attempt, usage);
        ApiKind api = generation.request.api();
        ObjectNode upstream = completion.body();
        ObjectNode trailing = Json.object();
        JsonNode fingerprint = upstream.get("system_fingerprint");
        if (api == ApiKind.CHAT && (fingerprint == null || fingerprint.isNull())) {
            trailing.putNull("system_fingerprint"); // required (nullable) in a chat completion
        }
        trailing.set("usage", UsageJson.of(usage, cost));
        ResponseIdentity identity = generation.identity(attempt);
        // The stamped answer is generated straight into the response buffer; its choices are the upstream's.
        Buffer body = JsonBuffers.write(1024, null, out -> identity.write(out, upstream, api.object(), trailing), null);
        sink.record(generation.record(attempt, committed.earlierFailures(), 200, completion.upstreamId(), usage, cost,
                false, FinishReason.of(upstream)));
        return request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body);
    }

    private void recordIfCancelled(Throwable error) {
        if (error instanceof AllAttemptsFailedException failed && generation.abort.aborted()) {
            Attempt attempt = failed.last().attempt();
            TokenUsage usage = generation.usage(Optional.empty(), 0);
            sink.record(generation.record(attempt, failed.failures(), 499, Optional.empty(), usage,
                    generation.cost(attempt, usage), true, Optional.empty()));
        }
    }
}
