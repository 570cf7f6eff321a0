package dev.junction.catalog.discovery;

import dev.junction.config.ProviderConfig;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code GET {base-url}/models} of an OpenAI-compatible server. The OpenAI shape has only ids; servers
 * that know more say it in fields of their own, read here when present: vLLM {@code max_model_len},
 * Together and others {@code context_length}, Groq {@code context_window}, llama.cpp server
 * {@code meta.n_ctx_train}; Together's {@code type: embedding} marks embedding models.
 */
final class OpenAiModelList {
    private OpenAiModelList() {}

    static List<DiscoveredModel> fetch(DiscoveryHttp http, ProviderConfig provider) {
        return parse(provider, http.get(provider, DiscoveryHttp.resolve(provider.baseUrl(), "/models")));
    }

    static List<DiscoveredModel> parse(ProviderConfig provider, JsonNode body) {
        List<DiscoveredModel> models = new ArrayList<>();
        for (JsonNode entry : Listings.entries(provider, body, "GET /models")) {
            Listings.text(entry, "id").ifPresent(id -> models.add(Listings.discovered(provider, id,
                    contextLength(entry), List.of("text"),
                    "embedding".equals(entry.path("type").asString("")) ? List.of("embeddings") : List.of("text"),
                    Optional.empty())));
        }
        return models;
    }

    private static OptionalInt contextLength(JsonNode entry) {
        for (String field : List.of("max_model_len", "context_length", "context_window", "max_context_length")) {
            OptionalInt value = Listings.positiveInt(entry, field);
            if (value.isPresent()) {
                return value;
            }
        }
        return Listings.positiveInt(entry.path("meta"), "n_ctx_train");
    }
}
