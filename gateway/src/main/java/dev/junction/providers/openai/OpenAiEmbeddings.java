package dev.junction.providers.openai;

import dev.junction.config.ProviderConfig;
import dev.junction.providers.EmbeddingBatches;
import dev.junction.providers.EmbeddingJson;
import dev.junction.providers.JsonAnswer;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamHttp;
import dev.junction.providers.UpstreamRequest;
import dev.junction.wire.JsonBuffers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST {base-url}/embeddings} of an OpenAI-compatible upstream (OpenAI, Together, DeepInfra, Mistral, vLLM,
 * llama.cpp server, LM Studio, Ollama's {@code /v1}): the client's body with the upstream's model, its inputs in
 * runs of at most {@code embedding-batch-size} ({@link EmbeddingBatches}), and floats always asked for — the gateway
 * encodes base64 itself, so every upstream serves both formats. {@code input_type}, which OpenAI refuses, is not
 * sent; other fields the gateway does not know pass through.
 */
final class OpenAiEmbeddings {
    /** Fields the gateway consumes or sets itself. */
    private static final Set<String> NOT_PASSED = Set.of("model", "input", "encoding_format", "input_type", "models",
            "route", "provider", "usage", "debug", "session_id", "stream", "trace");

    private final ProviderConfig config;
    private final UpstreamHttp http;
    private final MultiMap headers;

    OpenAiEmbeddings(ProviderConfig config, UpstreamHttp http, MultiMap headers) {
        this.config = config;
        this.http = http;
        this.headers = headers;
    }

    Future<UpstreamCompletion> complete(UpstreamRequest request) {
        JsonNode input = request.body().get("input");
        List<JsonNode> inputs = inputs(input);
        int size = config.embeddingBatchSize();
        return EmbeddingBatches.run(inputs.size(), size, (from, to) ->
                call(request, inputs.size() <= size ? input : slice(request.body(), inputs, from, to), to - from));
    }

    /** One input per vector: a string or a token-id array is one input, any other array a list of them. */
    private static List<JsonNode> inputs(JsonNode input) {
        if (input.isArray() && !input.isEmpty() && !input.get(0).isNumber()) {
            List<JsonNode> inputs = new ArrayList<>(input.size());
            input.forEach(inputs::add);
            return inputs;
        }
        return List.of(input);
    }

    private static JsonNode slice(ObjectNode factory, List<JsonNode> inputs, int from, int to) {
        var run = factory.arrayNode(to - from);
        inputs.subList(from, to).forEach(run::add);
        return run;
    }

    private Future<EmbeddingBatches.Batch> call(UpstreamRequest request, JsonNode input, int count) {
        Buffer body = JsonBuffers.write(256, null, out -> {
            out.writeStartObject();
            out.writeStringProperty("model", request.endpoint().upstreamModel());
            out.writeName("input");
            out.writeTree(input);
            out.writeStringProperty("encoding_format", "float");
            for (Map.Entry<String, JsonNode> field : request.body().properties()) {
                if (!NOT_PASSED.contains(field.getKey()) && !config.dropFields().contains(field.getKey())) {
                    out.writeName(field.getKey());
                    out.writeTree(field.getValue());
                }
            }
            out.writeEndObject();
        }, null);
        return http.send(http.post(config.baseUrl(), "/embeddings", headers), body, request, config.name())
                .compose(exchange -> exchange.readBody(request.abort(), config.name()))
                .compose(answer -> batch(answer, count));
    }

    private Future<EmbeddingBatches.Batch> batch(Buffer answer, int count) {
        return EmbeddingJson.counted(answer, EmbeddingJson::openAi, count, config.name()).compose(read -> {
            JsonNode[] vectors = new JsonNode[count];
            for (int i = 0; i < count; i++) {
                int index = read.indexes().get(i) < 0 ? i : read.indexes().get(i);
                if (index >= count || vectors[index] != null) {
                    return JsonAnswer.protocolError(config.name(), "answered an embedding with index " + index
                            + " among " + count);
                }
                vectors[index] = read.vectors().get(i);
            }
            return Future.succeededFuture(new EmbeddingBatches.Batch(List.of(vectors), read.promptTokens(), read.id()));
        });
    }
}
