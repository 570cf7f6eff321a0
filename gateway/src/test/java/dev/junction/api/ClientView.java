package dev.junction.api;

import dev.junction.accounting.Cost;
import dev.junction.accounting.CostCalculator;
import dev.junction.accounting.TokenUsage;
import dev.junction.catalog.Pricing;
import dev.junction.providers.ApiKind;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import dev.junction.wire.ResponseIdentity;
import dev.junction.wire.UsageJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client receives for a translator's output, rendered without a server so that golden files show
 * the client's view: identity stamped, {@code usage} with the exact cost, OpenRouter's error envelope or
 * mid-stream error chunk. Mirrors {@link JsonResponder} and {@link StreamRelay} (and uses the same
 * {@link ErrorMapping}); the end-to-end tests check the real ones. A translator that reports no usage is
 * shown with zero usage here, where the server would estimate it.
 */
public final class ClientView {
    private final ResponseIdentity identity;
    private final ApiKind api;
    private final Pricing pricing;
    private final int inputImages;

    public ClientView(ResponseIdentity identity, ApiKind api, Pricing pricing, int inputImages) {
        this.identity = identity;
        this.api = api;
        this.pricing = pricing;
        this.inputImages = inputImages;
    }

    /** The body of a whole answer, as {@link JsonResponder} writes it. */
    public ObjectNode completion(UpstreamCompletion completion) {
        TokenUsage usage = completion.usage().orElse(TokenUsage.NONE);
        ObjectNode body = identity.stamp(completion.body(), api.object());
        if (api == ApiKind.CHAT && !body.has("system_fingerprint")) {
            body.putNull("system_fingerprint");
        }
        body.set("usage", UsageJson.of(usage, cost(usage)));
        return body;
    }

    /** A failure before the commit point: {@code {"status", "headers", "body"}} of the HTTP error response. */
    public static ObjectNode error(UpstreamFailure failure) {
        ApiException error = ErrorMapping.upstream(failure);
        ObjectNode out = Json.object();
        out.put("status", error.status());
        ObjectNode headers = out.putObject("headers");
        error.headers().forEach(headers::put);
        out.set("body", ErrorBody.envelope(error));
        return out;
    }

    /** Collects a stream as {@link StreamRelay} receives it. */
    public static final class Recorder implements StreamListener {
        private final List<ObjectNode> chunks = new ArrayList<>();
        private Optional<TokenUsage> usage = Optional.empty();
        private Optional<UpstreamFailure> failure = Optional.empty();
        private boolean ended;

        @Override
        public void onChunk(ObjectNode chunk) {
            check();
            chunks.add(chunk);
        }

        @Override
        public void onUsage(TokenUsage usage) {
            check();
            this.usage = Optional.of(usage);
        }

        @Override
        public void onEnd() {
            check();
            ended = true;
        }

        @Override
        public void onError(UpstreamFailure failure) {
            check();
            this.failure = Optional.of(failure);
        }

        private void check() {
            if (ended || failure.isPresent()) {
                throw new AssertionError("the stream delivered an event after it ended");
            }
        }

        public boolean ended() {
            return ended;
        }

        public Optional<UpstreamFailure> failure() {
            return failure;
        }

        /** Whether the stream reached the commit point: a chunk, or its end. */
        public boolean committed() {
            return !chunks.isEmpty() || ended;
        }
    }

    /**
     * The SSE data payloads of a committed stream, as {@link StreamRelay} writes them: stamped chunks, then a
     * usage chunk and {@code [DONE]}, or the mid-stream error chunk and {@code [DONE]}.
     */
    public List<JsonNode> stream(Recorder recorded) {
        if (!recorded.ended && recorded.failure.isEmpty()) {
            throw new AssertionError("the stream neither ended nor failed");
        }
        List<JsonNode> events = new ArrayList<>();
        for (ObjectNode chunk : recorded.chunks) {
            events.add(identity.stamp(chunk, api.chunkObject()));
        }
        TokenUsage usage = recorded.usage.orElse(TokenUsage.NONE);
        ObjectNode usageJson = UsageJson.of(usage, cost(usage));
        if (recorded.failure.isPresent()) {
            UpstreamFailure failure = recorded.failure.get();
            ApiException error = ErrorMapping.upstream(failure);
            ObjectNode chunk = Json.object();
            chunk.set("error", ErrorBody.error(error.status(), error.getMessage(), Map.of(
                    "error_type", ErrorMapping.errorType(failure), "provider_name", failure.providerName())));
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("delta").put("content", "");
            choice.put("finish_reason", "error");
            ObjectNode stamped = identity.stamp(chunk, api.chunkObject());
            stamped.set("usage", usageJson);
            events.add(stamped);
        } else {
            ObjectNode last = Json.object();
            last.putArray("choices");
            ObjectNode stamped = identity.stamp(last, api.chunkObject());
            stamped.set("usage", usageJson);
            events.add(stamped);
        }
        events.add(Json.NODES.stringNode("[DONE]"));
        return events;
    }

    private Cost cost(TokenUsage usage) {
        return CostCalculator.cost(pricing, usage, inputImages, 0);
    }
}
