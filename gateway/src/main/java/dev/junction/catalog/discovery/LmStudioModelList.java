package dev.junction.catalog.discovery;

import dev.junction.config.ProviderConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * LM Studio: the models its OpenAI-compatible {@code /v1/models} accepts, with the context length, type and
 * quantization its REST API reports at {@code /api/v0/models} beside {@code /v1}. Older LM Studio versions
 * lack {@code /api/v0}; their models are still listed, without those details.
 */
final class LmStudioModelList {
    private static final Logger LOG = LoggerFactory.getLogger(LmStudioModelList.class);

    private LmStudioModelList() {}

    static List<DiscoveredModel> fetch(DiscoveryHttp http, ProviderConfig provider) {
        JsonNode ids = http.get(provider, DiscoveryHttp.resolve(provider.baseUrl(), "/models"));
        JsonNode details;
        try {
            details = http.get(provider, DiscoveryHttp.resolve(DiscoveryHttp.serverRoot(provider.baseUrl()), "/api/v0/models"));
        } catch (DiscoveryException e) {
            LOG.info("{}; listing its models without context lengths", e.getMessage());
            details = JsonNodeFactory.instance.objectNode().putArray("data");
        }
        return parse(provider, ids, details);
    }

    static List<DiscoveredModel> parse(ProviderConfig provider, JsonNode ids, JsonNode details) {
        Map<String, JsonNode> byId = new HashMap<>();
        JsonNode detailEntries = details.isArray() ? details : details.path("data");
        for (JsonNode entry : detailEntries) {
            Listings.text(entry, "id").ifPresent(id -> byId.put(id, entry));
        }
        List<DiscoveredModel> models = new ArrayList<>();
        for (JsonNode entry : Listings.entries(provider, ids, "GET /models")) {
            Optional<String> id = Listings.text(entry, "id");
            if (id.isEmpty()) {
                continue;
            }
            JsonNode detail = byId.getOrDefault(id.get(), entry);
            String type = detail.path("type").asString("llm");
            // A loaded model serves the context it was loaded with; otherwise the most it supports.
            OptionalInt context = Listings.positiveInt(detail, "loaded_context_length");
            if (context.isEmpty()) {
                context = Listings.positiveInt(detail, "max_context_length");
            }
            models.add(Listings.discovered(provider, id.get(), context,
                    type.equals("vlm") ? List.of("text", "image") : List.of("text"),
                    type.equals("embeddings") ? List.of("embeddings") : List.of("text"),
                    Listings.text(detail, "quantization").map(Listings::quantization)));
        }
        return models;
    }
}
