package dev.junction.providers.rerank;

import dev.junction.config.ProviderConfig;
import dev.junction.providers.JsonAnswer;
import dev.junction.providers.Provider;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamHttp;
import dev.junction.providers.UpstreamRequest;
import dev.junction.providers.UpstreamStream;
import dev.junction.wire.ApiKind;
import dev.junction.wire.JsonBuffers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The Cohere/Jina-style {@code POST {base-url}/rerank} that vLLM, llama.cpp server ({@code --reranking}), Jina
 * ({@code api.jina.ai/v1}) and Cohere ({@code api.cohere.com/v2}) serve, with a bearer key. Serves rerank requests
 * only; the answer is read by {@link RerankAnswer}. Only the model, query, documents, {@code top_n} and
 * {@code return_documents: false} go upstream (Jina and Cohere refuse fields they do not know; a {@code drop-fields}
 * entry removes {@code top_n} or {@code return_documents} for one that refuses those).
 */
public final class RerankProvider implements Provider {
    private final ProviderConfig config;
    private final UpstreamHttp http;
    private final MultiMap headers;

    public RerankProvider(ProviderConfig config, UpstreamHttp http) {
        this.config = config;
        this.http = http;
        this.headers = UpstreamHttp.headers(config, "application/json",
                config.apiKey().map(key -> Map.of("Authorization", "Bearer " + key)).orElse(Map.of()));
    }

    @Override
    public Future<UpstreamCompletion> complete(UpstreamRequest request) {
        if (request.api() != ApiKind.RERANK) {
            return Future.failedFuture(UpstreamFailure.unsupportedApi(config.name(), request.api(), false).asException());
        }
        ObjectNode client = request.body();
        Buffer body = JsonBuffers.write(256, null, out -> {
            out.writeStartObject();
            out.writeStringProperty("model", request.endpoint().upstreamModel());
            out.writeName("query");
            out.writeTree(client.get("query"));
            out.writeName("documents");
            out.writeTree(client.get("documents"));
            if (client.hasNonNull("top_n") && !config.dropFields().contains("top_n")) {
                out.writeName("top_n");
                out.writeTree(client.get("top_n"));
            }
            // The documents are echoed from the request, never carried back: Cohere's v2 API has no such field.
            if (!config.dropFields().contains("return_documents")) {
                out.writeBooleanProperty("return_documents", false);
            }
            out.writeEndObject();
        }, null);
        return http.send(http.post(config.baseUrl(), "/rerank", headers), body, request, config.name())
                .compose(exchange -> exchange.readBody(request.abort(), config.name()))
                .compose(answer -> JsonAnswer.object(answer, config.name()))
                .compose(answer -> RerankAnswer.read(answer, client, config.name()));
    }

    @Override
    public Future<UpstreamStream> stream(UpstreamRequest request) {
        return Future.failedFuture(UpstreamFailure.unsupportedApi(config.name(), request.api(), true).asException());
    }
}
