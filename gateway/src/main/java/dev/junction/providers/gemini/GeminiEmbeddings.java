package dev.junction.providers.gemini;

import dev.junction.config.ProviderConfig;
import dev.junction.providers.EmbeddingBatches;
import dev.junction.providers.EmbeddingJson;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamHttp;
import dev.junction.providers.UpstreamRequest;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * Gemini's embeddings: one input through {@code {model}:embedContent}, more through {@code :batchEmbedContents} in runs
 * of at most {@code embedding-batch-size} (Google takes 100). Gemini counts no tokens for embeddings, so the
 * generation estimates them from the input's length.
 */
final class GeminiEmbeddings {
    private final ProviderConfig config;
    private final UpstreamHttp http;
    private final MultiMap headers;

    GeminiEmbeddings(ProviderConfig config, UpstreamHttp http, MultiMap headers) {
        this.config = config;
        this.http = http;
        this.headers = headers;
    }

    Future<UpstreamCompletion> complete(UpstreamRequest request) {
        String model = request.endpoint().upstreamModel();
        String resource = model.contains("/") ? model : "models/" + model;
        List<ObjectNode> requests;
        try {
            requests = OpenAiToGeminiEmbeddings.requests(request.body(), resource);
        } catch (GeminiRequestException e) {
            return Future.failedFuture(GeminiProvider.rejected(config.name(), e).asException());
        }
        if (requests.size() == 1) {
            ObjectNode single = requests.getFirst().deepCopy();
            single.remove("model");
            return EmbeddingBatches.run(1, 1, (from, to) -> call(request, "/" + resource + ":embedContent", single, 1));
        }
        return EmbeddingBatches.run(requests.size(), config.embeddingBatchSize(), (from, to) -> {
            ObjectNode batch = Json.object();
            batch.putArray("requests").addAll(requests.subList(from, to));
            return call(request, "/" + resource + ":batchEmbedContents", batch, to - from);
        });
    }

    private Future<EmbeddingBatches.Batch> call(UpstreamRequest request, String path, ObjectNode body, int count) {
        return http.send(http.post(config.baseUrl(), path, headers), Buffer.buffer(Json.bytes(body)), request,
                        config.name())
                .compose(exchange -> exchange.readBody(request.abort(), config.name()))
                .recover(GeminiProvider::refined)
                .compose(answer -> batch(answer, count));
    }

    /** {@code {"embedding":{"values":[…]}}} for one, {@code {"embeddings":[{"values":[…]}, …]}} for a batch. */
    private Future<EmbeddingBatches.Batch> batch(Buffer answer, int count) {
        return EmbeddingJson.counted(answer, EmbeddingJson::gemini, count, config.name())
                .map(read -> new EmbeddingBatches.Batch(read.vectors(), Optional.empty(), Optional.empty()));
    }
}
