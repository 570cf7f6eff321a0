package dev.junction.providers.gemini;

import dev.junction.config.ProviderConfig;
import dev.junction.providers.Provider;
import dev.junction.providers.SseRelay;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamException;
import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.ApiKind;
import dev.junction.providers.UpstreamHttp;
import dev.junction.providers.UpstreamRequest;
import dev.junction.providers.UpstreamStream;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;

/**
 * Google's Gemini API ({@code generativelanguage.googleapis.com/v1beta}): {@code POST
 * {base}/models/{model}:generateContent}, or {@code :streamGenerateContent?alt=sse} for a stream, with the
 * key in {@code x-goog-api-key}. Translation is in {@link OpenAiToGeminiRequest},
 * {@link GeminiToOpenAiResponse} and {@link GeminiToOpenAiStream}; transport in {@link UpstreamHttp}. Embeddings go
 * through {@link GeminiEmbeddings}.
 */
public final class GeminiProvider implements Provider {
    private final ProviderConfig config;
    private final UpstreamHttp http;
    private final MultiMap jsonHeaders;
    private final MultiMap streamHeaders;
    private final GeminiEmbeddings embeddings;

    public GeminiProvider(ProviderConfig config, UpstreamHttp http) {
        this.config = config;
        this.http = http;
        this.jsonHeaders = headers("application/json");
        this.streamHeaders = headers("text/event-stream");
        this.embeddings = new GeminiEmbeddings(config, http, jsonHeaders);
    }

    private MultiMap headers(String accept) {
        return UpstreamHttp.headers(config, accept, config.apiKey().map(key -> Map.of("x-goog-api-key", key)).orElse(Map.of()));
    }

    @Override
    public Future<UpstreamCompletion> complete(UpstreamRequest request) {
        if (request.api() == ApiKind.EMBEDDINGS) {
            return embeddings.complete(request);
        }
        if (!request.api().generatesText()) {
            return Future.failedFuture(UpstreamFailure.unsupportedApi(config.name(), request.api(), false).asException());
        }
        Buffer body;
        try {
            body = body(request);
        } catch (GeminiRequestException e) {
            return Future.failedFuture(rejected(config.name(), e).asException());
        }
        return http.send(http.post(config.baseUrl(), path(request.endpoint().upstreamModel(), false), jsonHeaders),
                        body, request, config.name())
                .compose(exchange -> exchange.readBody(request.abort(), config.name()))
                .recover(GeminiProvider::refined)
                .compose(answer -> completion(answer, request));
    }

    @Override
    public Future<UpstreamStream> stream(UpstreamRequest request) {
        if (!request.api().generatesText()) {
            return Future.failedFuture(UpstreamFailure.unsupportedApi(config.name(), request.api(), true).asException());
        }
        Buffer body;
        try {
            body = body(request);
        } catch (GeminiRequestException e) {
            return Future.failedFuture(rejected(config.name(), e).asException());
        }
        return http.sendStream(http.post(config.baseUrl(), path(request.endpoint().upstreamModel(), true), streamHeaders),
                        body, request, config.name())
                .recover(GeminiProvider::refined)
                .map(exchange -> new SseRelay(exchange, request.abort(), config.name(),
                        out -> new GeminiToOpenAiStream(request.api(), config.name(), out)));
    }

    /**
     * The path under the base URL. A bare model name goes under {@code models/}; a name that already has
     * its collection ({@code models/…}, {@code tunedModels/…}) is used as it is.
     */
    static String path(String upstreamModel, boolean stream) {
        String resource = upstreamModel.contains("/") ? upstreamModel : "models/" + upstreamModel;
        return "/" + resource + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    @Override
    public Optional<ObjectNode> upstreamBody(UpstreamRequest request) {
        try {
            return Optional.of(OpenAiToGeminiRequest.build(request.body(), request.endpoint(), request.api()));
        } catch (GeminiRequestException e) {
            return Optional.empty();
        }
    }

    private static Buffer body(UpstreamRequest request) {
        return Buffer.buffer(Json.bytes(OpenAiToGeminiRequest.build(request.body(), request.endpoint(), request.api())));
    }

    private Future<UpstreamCompletion> completion(Buffer answer, UpstreamRequest request) {
        JsonNode node;
        try {
            node = Json.parse(answer.getBytes());
        } catch (JacksonException e) {
            return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, config.name(),
                    config.name() + " answered with a body that is not JSON: " + e.getOriginalMessage()).asException());
        }
        try {
            return Future.succeededFuture(GeminiToOpenAiResponse.translate(node, request.api(), config.name()));
        } catch (UpstreamException e) {
            return Future.failedFuture(e);
        }
    }

    static <T> Future<T> refined(Throwable t) {
        if (t instanceof UpstreamException e) {
            return Future.failedFuture(GeminiErrors.refine(e.failure()).asException());
        }
        return Future.failedFuture(t);
    }

    /**
     * A request Gemini cannot take, decided before anything goes upstream: another endpoint may serve it;
     * if none can, the caller gets a 400 saying why.
     */
    static UpstreamFailure rejected(String providerName, GeminiRequestException e) {
        return UpstreamFailure.unsupported(providerName,
                "cannot send this request to " + providerName + " (Gemini): " + e.getMessage());
    }
}
