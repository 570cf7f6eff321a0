package dev.junction.providers;

import dev.junction.accounting.TokenUsage;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * An embeddings request larger than its upstream takes in one call: its inputs split into runs of at most the
 * provider's {@code embedding-batch-size}, one upstream call per run — all sent at once —, and the vectors joined
 * back in input order with the usage summed. Any run failing fails the whole attempt (the next endpoint then gets
 * the whole request). The answer is OpenAI's {@code data} list, each vector a JSON array of numbers.
 */
public final class EmbeddingBatches {
    private EmbeddingBatches() {}

    /**
     * What one upstream call returned for its run.
     *
     * @param vectors      one vector per input of the run, in the run's order
     * @param promptTokens the tokens the upstream counted, when it says
     * @param upstreamId   the upstream's id for the call, when it gives one
     */
    public record Batch(List<JsonNode> vectors, Optional<Long> promptTokens, Optional<String> upstreamId) {}

    /**
     * Calls {@code call(from, to)} for each run of at most {@code size} of the {@code count} inputs and joins the
     * answers. The usage is the sum of the runs' when every run counted its tokens, else unknown (the generation then
     * estimates it).
     */
    public static Future<UpstreamCompletion> run(int count, int size, BiFunction<Integer, Integer, Future<Batch>> call) {
        List<Future<Batch>> runs = new ArrayList<>();
        for (int from = 0; from < count; from += size) {
            runs.add(call.apply(from, Math.min(count, from + size)));
        }
        return Future.all(runs).map(all -> joined(runs.stream().map(Future::result).toList()));
    }

    private static UpstreamCompletion joined(List<Batch> batches) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        long tokens = 0;
        boolean counted = true;
        for (Batch batch : batches) {
            for (JsonNode vector : batch.vectors()) {
                ObjectNode item = data.addObject();
                item.put("object", "embedding");
                item.put("index", data.size() - 1);
                item.set("embedding", vector);
            }
            counted &= batch.promptTokens().isPresent();
            tokens += batch.promptTokens().orElse(0L);
        }
        Optional<TokenUsage> usage = counted ? Optional.of(new TokenUsage(tokens, 0, 0, 0, 0, false)) : Optional.empty();
        return new UpstreamCompletion(body, usage, batches.getFirst().upstreamId());
    }

    /**
     * The vector of one upstream embedding, as an array of numbers: an upstream that answered in base64 although
     * asked for floats (little-endian float32, as OpenAI encodes) is decoded.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static JsonNode vector(JsonNode embedding) {
        if (embedding != null && embedding.isArray()) {
            for (JsonNode v : embedding) {
                if (!v.isNumber()) {
                    throw new IllegalArgumentException("an embedding holds " + v.getNodeType() + ", not a number");
                }
            }
            return embedding;
        }
        if (embedding != null && embedding.isString()) {
            ArrayNode floats = Json.NODES.arrayNode();
            for (float f : EmbeddingEncoding.decode(embedding.asString())) {
                floats.add(f);
            }
            return floats;
        }
        throw new IllegalArgumentException("an embedding is neither an array of numbers nor base64");
    }
}
