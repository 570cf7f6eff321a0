package dev.junction.catalog.discovery;

import dev.junction.config.EndpointConfig;
import dev.junction.config.ModelConfig;
import dev.junction.config.ProviderConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Merges what providers listed into the configured models. Pure: the same inputs give the same catalog,
 * in the same order (configured models first, then new ones in provider and listing order).
 *
 * <p>For each model a provider {@code p} lists under its own id {@code m}:
 * <ol>
 *   <li>If models already have an endpoint on {@code p} for {@code m}, those endpoints are kept and updated:
 *       OpenRouter's live list replaces its prices, limits, supported parameters and moderation; other
 *       sources only fill in a context length or quantization the configuration left unknown.</li>
 *   <li>Otherwise {@code m} joins an existing model as a new endpoint, or becomes a new model, under the id:
 *       <ul>
 *         <li>for {@code discovery: openrouter}, {@code m} itself: OpenRouter's ids are catalog ids;</li>
 *         <li>for other sources, an existing model whose id or Hugging Face id equals {@code m} ignoring case
 *             (vLLM serves {@code meta-llama/Llama-3.1-8B-Instruct}), else {@code p/m}
 *             ({@code ollama/llama3.1:8b}, {@code lmstudio/qwen2.5-7b-instruct}).</li>
 *       </ul></li>
 * </ol>
 * Ids are looked up exactly, so an id may contain {@code :} (Ollama tags) or a second {@code /}.
 */
public final class DiscoveryMerge {
    private DiscoveryMerge() {}

    /** What one provider listed. */
    public record ProviderModels(ProviderConfig provider, List<DiscoveredModel> models) {}

    public static Map<String, ModelConfig> merge(Map<String, ModelConfig> configured, List<ProviderModels> discovered) {
        Index index = new Index(new LinkedHashMap<>(configured));
        for (ProviderModels listed : discovered) {
            ProviderConfig provider = listed.provider();
            boolean authoritative = provider.discovery() == ProviderConfig.Discovery.OPENROUTER;
            for (DiscoveredModel found : listed.models()) {
                List<String> served = index.servedBy(provider.id(), found.upstreamId());
                if (!served.isEmpty()) {
                    served.forEach(slug -> index.updateEndpoint(slug, found.endpoint(), authoritative));
                } else {
                    index.add(authoritative ? found.upstreamId() : index.localId(provider.id(), found.upstreamId()), found);
                }
            }
        }
        return index.models;
    }

    /** The models being built, with the lookups the id rules need. */
    private static final class Index {
        final Map<String, ModelConfig> models;
        final Map<String, List<String>> servedBy = new HashMap<>();
        final Map<String, String> byLowerId = new HashMap<>();
        final Map<String, String> byHuggingFaceId = new HashMap<>();

        Index(Map<String, ModelConfig> models) {
            this.models = models;
            models.values().forEach(this::remember);
        }

        private void remember(ModelConfig model) {
            byLowerId.putIfAbsent(model.slug().toLowerCase(Locale.ROOT), model.slug());
            model.huggingFaceId().ifPresent(hf -> byHuggingFaceId.putIfAbsent(hf.toLowerCase(Locale.ROOT), model.slug()));
            model.endpoints().forEach(e -> serves(key(e.provider(), e.upstreamModel()), model.slug()));
        }

        private void serves(String key, String slug) {
            List<String> slugs = servedBy.computeIfAbsent(key, k -> new ArrayList<>());
            if (!slugs.contains(slug)) {
                slugs.add(slug);
            }
        }

        List<String> servedBy(String provider, String upstreamId) {
            return servedBy.getOrDefault(key(provider, upstreamId), List.of());
        }

        String localId(String provider, String upstreamId) {
            String lower = upstreamId.toLowerCase(Locale.ROOT);
            String existing = byLowerId.get(lower);
            if (existing == null) {
                existing = byHuggingFaceId.get(lower);
            }
            return existing != null ? existing : provider + "/" + upstreamId;
        }

        void add(String slug, DiscoveredModel found) {
            ModelConfig existing = models.get(slug);
            if (existing == null) {
                ModelConfig created = found.asModel(slug);
                models.put(slug, created);
                remember(created);
                return;
            }
            List<EndpointConfig> endpoints = new ArrayList<>(existing.endpoints());
            endpoints.add(found.endpoint());
            models.put(slug, existing.withEndpoints(endpoints));
            serves(key(found.endpoint().provider(), found.upstreamId()), slug);
        }

        void updateEndpoint(String slug, EndpointConfig found, boolean authoritative) {
            ModelConfig model = models.get(slug);
            List<EndpointConfig> endpoints = new ArrayList<>(model.endpoints());
            for (int i = 0; i < endpoints.size(); i++) {
                EndpointConfig current = endpoints.get(i);
                if (current.provider().equals(found.provider()) && current.upstreamModel().equals(found.upstreamModel())) {
                    endpoints.set(i, authoritative ? replacePrices(current, found) : fillUnknowns(current, found));
                }
            }
            models.put(slug, model.withEndpoints(endpoints));
        }
    }

    /** OpenRouter's live figures win; what only the configuration knows (tag, variants, data policy) stays. */
    static EndpointConfig replacePrices(EndpointConfig current, EndpointConfig found) {
        return new EndpointConfig(current.provider(), current.upstreamModel(), found.pricing(),
                either(found.contextLength(), current.contextLength()),
                either(found.maxCompletionTokens(), current.maxCompletionTokens()), current.tag(),
                current.maxPromptTokens(), current.quantization().or(found::quantization),
                found.supportedParameters().or(current::supportedParameters), current.dataPolicy(), current.variants(),
                current.supportsImplicitCaching(), found.moderated());
    }

    /** The configuration wins; discovery only says what it left unknown. */
    static EndpointConfig fillUnknowns(EndpointConfig current, EndpointConfig found) {
        return new EndpointConfig(current.provider(), current.upstreamModel(), current.pricing(),
                either(current.contextLength(), found.contextLength()), current.maxCompletionTokens(), current.tag(),
                current.maxPromptTokens(), current.quantization().or(found::quantization), current.supportedParameters(),
                current.dataPolicy(), current.variants(), current.supportsImplicitCaching(), current.moderated());
    }

    private static OptionalInt either(OptionalInt first, OptionalInt second) {
        return first.isPresent() ? first : second;
    }

    private static String key(String provider, String upstreamId) {
        return provider + '\u0000' + upstreamId;
    }
}
