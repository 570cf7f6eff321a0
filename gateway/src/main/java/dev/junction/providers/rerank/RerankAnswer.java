package dev.junction.providers.rerank;

import dev.junction.accounting.TokenUsage;
import dev.junction.providers.JsonAnswer;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code /rerank} answer in OpenRouter's shape: {@code results} most relevant first (at most {@code top_n}), each with
 * its {@code index}, {@code relevance_score} and — unless the client said {@code return_documents: false} — the
 * document as the client sent it ({@code {"text": …}}, {@code image} too for multimodal documents). Tokens are
 * Jina's and vLLM's {@code usage.total_tokens}; Cohere counts none (the generation then estimates), only search
 * units ({@code meta.billed_units.search_units}), kept in the body as {@code search_units} for the renderer.
 */
final class RerankAnswer {
    private RerankAnswer() {}

    private record Result(int index, JsonNode score) {}

    static Future<UpstreamCompletion> read(ObjectNode answer, ObjectNode client, String providerName) {
        JsonNode results = answer.path("results");
        JsonNode documents = client.get("documents");
        if (!results.isArray()) {
            return JsonAnswer.protocolError(providerName, "answered without results");
        }
        List<Result> scored = new ArrayList<>(results.size());
        Set<Integer> seen = new HashSet<>();
        for (JsonNode r : results) {
            JsonNode index = r.path("index");
            JsonNode score = r.has("relevance_score") ? r.get("relevance_score") : r.path("score");
            if (!index.isIntegralNumber() || index.asLong() < 0 || index.asLong() >= documents.size()
                    || !seen.add(index.asInt()) || !score.isNumber()) {
                return JsonAnswer.protocolError(providerName, "answered a result without a valid index and score: "
                        + Json.text(r));
            }
            scored.add(new Result(index.asInt(), score));
        }
        scored.sort(Comparator.comparingDouble((Result r) -> r.score().asDouble()).reversed());
        long topN = client.path("top_n").asLong(Long.MAX_VALUE);
        boolean withDocuments = client.path("return_documents").asBoolean(true);

        ObjectNode body = Json.object();
        ArrayNode out = body.putArray("results");
        for (Result r : scored.subList(0, (int) Math.min(topN, scored.size()))) {
            ObjectNode result = out.addObject();
            result.put("index", r.index());
            result.set("relevance_score", r.score());
            if (withDocuments) {
                result.set("document", document(documents.get(r.index())));
            }
        }
        JsonNode searchUnits = answer.path("meta").path("billed_units").path("search_units");
        if (searchUnits.isNumber()) {
            body.set("search_units", searchUnits);
        }
        JsonNode usage = answer.path("usage");
        JsonNode tokens = usage.has("total_tokens") ? usage.get("total_tokens") : usage.path("prompt_tokens");
        Optional<TokenUsage> counted = tokens.isIntegralNumber() && tokens.asLong() >= 0
                ? Optional.of(new TokenUsage(tokens.asLong(), 0, 0, 0, 0, false)) : Optional.empty();
        Optional<String> id = Optional.ofNullable(answer.get("id")).filter(JsonNode::isString).map(JsonNode::asString);
        return Future.succeededFuture(new UpstreamCompletion(body, counted, id));
    }

    private static ObjectNode document(JsonNode sent) {
        ObjectNode document = Json.object();
        if (sent.isString()) {
            document.put("text", sent.asString());
            return document;
        }
        for (String field : new String[] {"text", "image"}) {
            if (sent.path(field).isString()) {
                document.set(field, sent.get(field));
            }
        }
        return document;
    }
}
