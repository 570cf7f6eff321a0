package dev.junction.catalog.discovery;

import dev.junction.config.EndpointConfig;
import dev.junction.config.ModelConfig;
import dev.junction.config.PricingConfig;
import dev.junction.config.ProviderConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * OpenRouter's live {@code GET /models}: full model objects with prices as decimal strings per token. Each
 * becomes an endpoint on the provider that listed it, under OpenRouter's own id. Models whose prices
 * Junction cannot bill exactly are left out: routers priced {@code "-1"} (variable) and prices with more
 * than 12 decimal places.
 */
final class OpenRouterModelList {
    private static final Logger LOG = LoggerFactory.getLogger(OpenRouterModelList.class);
    /** Suffixes of OpenRouter ids that name an endpoint variant, e.g. {@code …:free}. */
    private static final Set<String> ENDPOINT_VARIANTS = Set.of("free", "extended", "exacto", "thinking");
    private static final List<String> PRICES = List.of("prompt", "completion", "request", "image", "web_search",
            "internal_reasoning", "input_cache_read", "input_cache_write");
    private static final List<String> DEFAULT_PARAMETERS = List.of("temperature", "top_p", "top_k",
            "frequency_penalty", "presence_penalty", "repetition_penalty");

    private OpenRouterModelList() {}

    static List<DiscoveredModel> fetch(DiscoveryHttp http, ProviderConfig provider) {
        return parse(provider, http.get(provider, DiscoveryHttp.resolve(provider.baseUrl(), "/models")));
    }

    static List<DiscoveredModel> parse(ProviderConfig provider, JsonNode body) {
        List<DiscoveredModel> models = new ArrayList<>();
        List<String> unbillable = new ArrayList<>();
        for (JsonNode entry : Listings.entries(provider, body, "GET /models")) {
            Optional<String> id = Listings.text(entry, "id");
            if (id.isEmpty()) {
                continue;
            }
            Optional<PricingConfig> pricing = pricing(entry.path("pricing"));
            if (pricing.isEmpty()) {
                unbillable.add(id.get());
                continue;
            }
            models.add(model(provider, id.get(), entry, pricing.get()));
        }
        if (!unbillable.isEmpty()) {
            LOG.debug("{}: left out {} models without exact per-token prices: {}", provider.id(), unbillable.size(), unbillable);
        }
        return models;
    }

    private static DiscoveredModel model(ProviderConfig provider, String id, JsonNode entry, PricingConfig pricing) {
        JsonNode arch = entry.path("architecture");
        JsonNode top = entry.path("top_provider");
        OptionalInt context = Listings.positiveInt(entry, "context_length");
        ModelConfig metadata = new ModelConfig(id, Listings.text(entry, "name").orElse(id), context.orElse(0), List.of(),
                Listings.text(entry, "description").orElse(""), Math.max(0, entry.path("created").asLong(0)),
                Listings.text(entry, "canonical_slug"), Listings.text(entry, "hugging_face_id"),
                strings(arch.path("input_modalities"), List.of("text")),
                strings(arch.path("output_modalities"), List.of("text")),
                Listings.text(arch, "tokenizer"), Listings.text(arch, "instruct_type"), List.of(), List.of(),
                defaultParameters(entry.path("default_parameters")), false);
        OptionalInt endpointContext = Listings.positiveInt(top, "context_length");
        String suffix = id.contains(":") ? id.substring(id.lastIndexOf(':') + 1) : "";
        EndpointConfig endpoint = new EndpointConfig(provider.id(), id, pricing,
                endpointContext.isPresent() ? endpointContext : context,
                Listings.positiveInt(top, "max_completion_tokens"), Optional.empty(), OptionalInt.empty(),
                Optional.empty(),
                entry.path("supported_parameters").isArray()
                        ? Optional.of(Set.copyOf(strings(entry.path("supported_parameters"), List.of()))) : Optional.empty(),
                Optional.empty(), ENDPOINT_VARIANTS.contains(suffix) ? List.of(suffix) : List.of(), false,
                top.path("is_moderated").asBoolean(false));
        return new DiscoveredModel(metadata, endpoint);
    }

    /**
     * Prompt and completion are required. A zero reasoning or cache price is read as "not priced
     * separately" — reasoning tokens then cost completion tokens and cached tokens prompt tokens — because
     * OpenRouter lists "0" for models that do not distinguish them, not for free reasoning.
     */
    static Optional<PricingConfig> pricing(JsonNode node) {
        Optional<BigDecimal> prompt = price(node, "prompt");
        Optional<BigDecimal> completion = price(node, "completion");
        if (prompt.isEmpty() || completion.isEmpty() || !valid(node)) {
            return Optional.empty();
        }
        return Optional.of(new PricingConfig(prompt.get(), completion.get(),
                price(node, "request").orElse(BigDecimal.ZERO), price(node, "image").orElse(BigDecimal.ZERO),
                price(node, "web_search").orElse(BigDecimal.ZERO),
                price(node, "internal_reasoning").filter(p -> p.signum() > 0),
                price(node, "input_cache_read").filter(p -> p.signum() > 0),
                price(node, "input_cache_write").filter(p -> p.signum() > 0)));
    }

    /** Every price present must be an exact non-negative decimal of at most 12 places. */
    private static boolean valid(JsonNode node) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (PRICES.contains(e.getKey()) && price(node, e.getKey()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<BigDecimal> price(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() && !value.isNumber()) {
            return Optional.empty();
        }
        try {
            BigDecimal price = new BigDecimal(value.asString().trim());
            return price.signum() >= 0 && price.stripTrailingZeros().scale() <= 12 ? Optional.of(price) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> strings(JsonNode array, List<String> fallback) {
        if (!array.isArray() || array.isEmpty()) {
            return fallback;
        }
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> {
            if (v.isString()) {
                values.add(v.asString());
            }
        });
        return List.copyOf(values);
    }

    private static Map<String, BigDecimal> defaultParameters(JsonNode node) {
        Map<String, BigDecimal> defaults = new LinkedHashMap<>();
        for (String name : DEFAULT_PARAMETERS) {
            JsonNode value = node.path(name);
            if (value.isNumber()) {
                defaults.put(name, value.decimalValue());
            }
        }
        return Map.copyOf(defaults);
    }
}
