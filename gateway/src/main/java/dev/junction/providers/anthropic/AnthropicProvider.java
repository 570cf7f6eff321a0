package dev.junction.providers.anthropic;

import dev.junction.config.ProviderConfig;
import dev.junction.providers.Provider;
import dev.junction.providers.SseRelay;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamException;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamHttp;
import dev.junction.providers.UpstreamRequest;
import dev.junction.providers.UpstreamStream;
import dev.junction.wire.Json;
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
 * Anthropic's Messages API ({@code POST {base-url}/messages}, e.g. {@code https://api.anthropic.com/v1}). The key
 * goes in {@code x-api-key} rather than a bearer token, and every request names the API version in
 * {@code anthropic-version} ({@value #API_VERSION} unless the operator's {@code headers} say otherwise — they
 * can also add {@code anthropic-beta}). Chat and legacy completions both go to {@code /messages}.
 */
public final class AnthropicProvider implements Provider {
    static final String API_VERSION = "2023-06-01";
    private static final String PATH = "/messages";

    private final ProviderConfig config;
    private final UpstreamHttp http;
    private final MultiMap jsonHeaders;
    private final MultiMap streamHeaders;

    public AnthropicProvider(ProviderConfig config, UpstreamHttp http) {
        this.config = config;
        this.http = http;
        this.jsonHeaders = headers("application/json");
        this.streamHeaders = headers("text/event-stream");
    }

    private MultiMap headers(String accept) {
        Map<String, String> protocol = new java.util.LinkedHashMap<>();
        protocol.put("anthropic-version", API_VERSION);
        config.apiKey().ifPresent(key -> protocol.put("x-api-key", key));
        return UpstreamHttp.headers(config, accept, protocol);
    }

    @Override
    public Future<UpstreamCompletion> complete(UpstreamRequest request) {
        if (!request.api().generatesText()) {
            return Future.failedFuture(UpstreamFailure.unsupportedApi(config.name(), request.api(), false).asException());
        }
        ClientShape shape = ClientShape.of(request.body(), request.api());
        return body(request, false)
                .compose(body -> http.send(options(false), body, request, config.name()))
                .recover(this::describe)
                .compose(exchange -> exchange.readBody(request.abort(), config.name()))
                .compose(buffer -> completion(buffer, shape));
    }

    @Override
    public Future<UpstreamStream> stream(UpstreamRequest request) {
        if (!request.api().generatesText()) {
            return Future.failedFuture(UpstreamFailure.unsupportedApi(config.name(), request.api(), true).asException());
        }
        ClientShape shape = ClientShape.of(request.body(), request.api());
        return body(request, true)
                .compose(body -> http.sendStream(options(true), body, request, config.name()))
                .recover(this::describe)
                .map(exchange -> new SseRelay(exchange, request.abort(), config.name(),
                        out -> new AnthropicToOpenAiStream(shape, config.name(), out)));
    }

    @Override
    public Optional<ObjectNode> upstreamBody(UpstreamRequest request) {
        try {
            return Optional.of(OpenAiToAnthropicRequest.build(request.body(), request.endpoint(), request.api(), request.stream()));
        } catch (UnsupportedInputException e) {
            return Optional.empty();
        }
    }

    private RequestOptions options(boolean stream) {
        return http.post(config.baseUrl(), PATH, stream ? streamHeaders : jsonHeaders);
    }

    private Future<Buffer> body(UpstreamRequest request, boolean stream) {
        try {
            ObjectNode body = OpenAiToAnthropicRequest.build(request.body(), request.endpoint(), request.api(), stream);
            return Future.succeededFuture(Buffer.buffer(Json.bytes(body)));
        } catch (UnsupportedInputException e) {
            // The caller asked for something this provider cannot express; no request is sent.
            return Future.failedFuture(UpstreamFailure.unsupported(config.name(),
                    config.name() + " cannot take this request: " + e.getMessage()).asException());
        }
    }

    private <T> Future<T> describe(Throwable t) {
        if (t instanceof UpstreamException e) {
            return Future.failedFuture(AnthropicErrors.describe(e.failure()).asException());
        }
        return Future.failedFuture(t);
    }

    private Future<UpstreamCompletion> completion(Buffer buffer, ClientShape shape) {
        JsonNode node;
        try {
            node = Json.parse(buffer.getBytes());
        } catch (JacksonException e) {
            return protocolError("answered with a body that is not JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            return protocolError("answered with JSON that is not an object");
        }
        if ("error".equals(node.path("type").asString(""))) {
            return Future.failedFuture(AnthropicErrors.errorBody(config.name(), node).asException());
        }
        try {
            AnthropicToOpenAiResponse.Result result = AnthropicToOpenAiResponse.translate(node, shape);
            return Future.succeededFuture(new UpstreamCompletion(result.body(), result.usage(), result.upstreamId()));
        } catch (IllegalArgumentException e) {
            return protocolError(e.getMessage());
        }
    }

    private <T> Future<T> protocolError(String what) {
        return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, config.name(),
                config.name() + " " + what).asException());
    }
}
