package dev.junction.catalog.discovery;

import dev.junction.config.ProviderConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Ollama: its local models from {@code GET /api/tags}, each described by {@code POST /api/show}, whose
 * {@code model_info["<architecture>.context_length"]} is the context the model was trained for (Ollama
 * itself serves with its {@code num_ctx} setting, which may be smaller) and whose {@code capabilities} say
 * {@code vision} or {@code embedding}. A model whose description fails is still listed, without details.
 */
final class OllamaModelList {
    private static final Logger LOG = LoggerFactory.getLogger(OllamaModelList.class);

    private OllamaModelList() {}

    static List<DiscoveredModel> fetch(DiscoveryHttp http, ProviderConfig provider) {
        URI root = DiscoveryHttp.serverRoot(provider.baseUrl());
        List<DiscoveredModel> models = new ArrayList<>();
        for (String name : names(provider, http.get(provider, DiscoveryHttp.resolve(root, "/api/tags")))) {
            ObjectNode request = JsonNodeFactory.instance.objectNode().put("model", name);
            JsonNode show;
            try {
                show = http.post(provider, DiscoveryHttp.resolve(root, "/api/show"), request);
            } catch (DiscoveryException e) {
                LOG.info("{}; listing {} without its context length", e.getMessage(), name);
                show = JsonNodeFactory.instance.objectNode();
            }
            models.add(model(provider, name, show));
        }
        return models;
    }

    static List<String> names(ProviderConfig provider, JsonNode tags) {
        JsonNode list = tags.path("models");
        if (!list.isArray()) {
            throw new DiscoveryException(provider.id() + ": GET /api/tags has no model list (expected \"models\": [...])");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode entry : list) {
            Listings.text(entry, "model").or(() -> Listings.text(entry, "name")).ifPresent(names::add);
        }
        return names;
    }

    static DiscoveredModel model(ProviderConfig provider, String name, JsonNode show) {
        List<String> capabilities = new ArrayList<>();
        show.path("capabilities").forEach(c -> capabilities.add(c.asString("")));
        boolean embedding = capabilities.contains("embedding") && !capabilities.contains("completion");
        return Listings.discovered(provider, name, contextLength(show.path("model_info")),
                capabilities.contains("vision") ? List.of("text", "image") : List.of("text"),
                embedding ? List.of("embeddings") : List.of("text"),
                Listings.text(show.path("details"), "quantization_level").map(Listings::quantization));
    }

    private static OptionalInt contextLength(JsonNode info) {
        Optional<String> arch = Listings.text(info, "general.architecture");
        if (arch.isPresent()) {
            OptionalInt value = Listings.positiveInt(info, arch.get() + ".context_length");
            if (value.isPresent()) {
                return value;
            }
        }
        for (Map.Entry<String, JsonNode> e : info.properties()) {
            if (e.getKey().endsWith(".context_length")) {
                OptionalInt value = Listings.positiveInt(info, e.getKey());
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return OptionalInt.empty();
    }
}
