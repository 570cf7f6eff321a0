package dev.junction.providers.openai;

import dev.junction.config.ProviderConfig;
import dev.junction.wire.ApiKind;
import dev.junction.wire.JsonBuffers;
import dev.junction.providers.Provider;
import dev.junction.providers.SseRelay;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamHttp;
import dev.junction.providers.UpstreamRequest;
import dev.junction.providers.UpstreamStream;
import dev.junction.wire.Json;
import dev.junction.wire.ReasoningRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;

/**
 * Every OpenAI-compatible upstream: OpenAI, OpenRouter, Groq, Together, DeepInfra, Fireworks, Mistral,
 * DeepSeek, xAI, LM Studio, Ollama, llama.cpp server and vLLM differ only in base URL, key, model names and
 * how they reason (the provider's {@code reasoning-dialect}), which come from configuration.
 */
public final class OpenAiProvider implements Provider {
    private final ProviderConfig config;
    private final UpstreamHttp http;
    private final MultiMap jsonHeaders;
    private final MultiMap streamHeaders;
    private final OpenAiEmbeddings embeddings;

    public OpenAiProvider(ProviderConfig config, UpstreamHttp http) {
        this.config = config;
        this.http = http;
        this.jsonHeaders = headers("application/json");
        this.streamHeaders = headers("text/event-stream");
        this.embeddings = new OpenAiEmbeddings(config, http, jsonHeaders);
    }

    private MultiMap headers(String accept) {
        return UpstreamHttp.headers(config, accept, config.apiKey().map(key -> Map.of("Authorization", "Bearer " + key)).orElse(Map.of()));
    }

    @Override
    public Future<UpstreamCompletion> complete(UpstreamRequest request) {
        if (request.api() == ApiKind.EMBEDDINGS) {
            return embeddings.complete(request);
        }
        if (request.api() == ApiKind.RERANK) {
            return Future.failedFuture(UpstreamFailure.unsupportedApi(config.name(), request.api(), false).asException());
        }
        return http.send(options(request, false), body(request, false), request, config.name())
                .compose(exchange -> exchange.readBody(request.abort(), config.name()))
                .compose(body -> completion(body, reasoningOutput(request)));
    }

    @Override
    public Future<UpstreamStream> stream(UpstreamRequest request) {
        if (!request.api().generatesText()) {
            return Future.failedFuture(UpstreamFailure.unsupportedApi(config.name(), request.api(), true).asException());
        }
        return http.sendStream(options(request, true), body(request, true), request, config.name())
                .map(exchange -> new SseRelay(exchange, request.abort(), config.name(),
                        out -> new OpenAiStreamTranslator(config.name(), out, reasoningOutput(request))));
    }

    @Override
    public Optional<ObjectNode> upstreamBody(UpstreamRequest request) {
        return Optional.of(OpenAiUpstreamBody.build(request.body(), request.endpoint(), request.api(), request.stream()));
    }

    private RequestOptions options(UpstreamRequest request, boolean stream) {
        String path = request.api() == ApiKind.CHAT ? "/chat/completions" : "/completions";
        return http.post(config.baseUrl(), path, stream ? streamHeaders : jsonHeaders);
    }

    private static Buffer body(UpstreamRequest request, boolean stream) {
        return JsonBuffers.write(512, null,
                out -> OpenAiUpstreamBody.write(out, request.body(), request.endpoint(), request.api(), stream), null);
    }

    private OpenAiReasoningOutput reasoningOutput(UpstreamRequest request) {
        return new OpenAiReasoningOutput(config.reasoningDialect(), ReasoningRequest.of(request.body()).exclude());
    }

    private Future<UpstreamCompletion> completion(Buffer buffer, OpenAiReasoningOutput reasoning) {
        JsonNode node;
        try {
            node = JsonBuffers.parse(buffer);
        } catch (JacksonException e) {
            return protocolError("answered with a body that is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode body)) {
            return protocolError("answered with JSON that is not an object");
        }
        if (body.hasNonNull("error")) {
            // Some compatible servers report failures with a 200 status and an error body.
            String text = Json.text(body);
            return Future.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, config.name(), 502,
                    UpstreamHttp.errorMessage(text).orElse(config.name() + " reported an error"),
                    Optional.of(text), Optional.empty()).asException());
        }
        if (!body.path("choices").isArray()) {
            return protocolError("answered without choices");
        }
        var parsedUsage = OpenAiUsage.parse(body.remove("usage"));
        Optional<String> upstreamId = Optional.ofNullable(body.get("id")).filter(JsonNode::isString).map(JsonNode::asString);
        reasoning.whole(body);
        var usage = parsedUsage.map(reasoning::usage);
        OpenAiChoices.normalise(body);
        return Future.succeededFuture(new UpstreamCompletion(body, usage, upstreamId));
    }

    private <T> Future<T> protocolError(String what) {
        return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, config.name(),
                config.name() + " " + what).asException());
    }
}
