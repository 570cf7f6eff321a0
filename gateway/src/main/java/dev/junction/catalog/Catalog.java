package dev.junction.catalog;

import dev.junction.config.EndpointConfig;
import dev.junction.config.JunctionConfig;
import dev.junction.config.ModelConfig;
import dev.junction.config.ProviderConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models the gateway offers, the endpoints behind them, and the other names (aliases) a request may call a model
 * by. Immutable; replaced whole on reload.
 */
public final class Catalog {
    private final Map<String, Model> models;
    private final Map<String, ProviderConfig> providers;
    private final Map<String, String> aliases;
    private final List<Model> ordered;

    public Catalog(Map<String, Model> models, Map<String, ProviderConfig> providers) {
        this(models, providers, Map.of());
    }

    /** @param aliases another name of a model → its id */
    public Catalog(Map<String, Model> models, Map<String, ProviderConfig> providers, Map<String, String> aliases) {
        this.models = Map.copyOf(models);
        this.providers = Map.copyOf(providers);
        this.aliases = Map.copyOf(aliases);
        this.ordered = List.copyOf(models.values());
    }

    public static Catalog from(JunctionConfig config) {
        Map<String, Model> models = new LinkedHashMap<>();
        for (ModelConfig mc : config.models().values()) {
            models.put(mc.slug(), model(mc, config.providers()));
        }
        return new Catalog(models, config.providers(), config.aliases());
    }

    static Model model(ModelConfig mc, Map<String, ProviderConfig> providers) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (EndpointConfig ec : mc.endpoints()) {
            endpoints.add(endpoint(mc, ec, providers.get(ec.provider())));
        }
        int context = mc.contextLength() > 0 ? mc.contextLength()
                : endpoints.stream().mapToInt(Endpoint::contextLength).max().orElse(0);
        Architecture architecture = new Architecture(mc.inputModalities(), mc.outputModalities(), mc.tokenizer(),
                mc.instructType());
        return new Model(mc.slug(), mc.name(), mc.canonicalSlug().orElse(mc.slug()), mc.huggingFaceId(), mc.created(),
                mc.description(), context, architecture, mc.categories(), Set.copyOf(mc.variants()),
                mc.defaultParameters(), List.copyOf(endpoints), mc.distillableText());
    }

    static Endpoint endpoint(ModelConfig mc, EndpointConfig ec, ProviderConfig provider) {
        return new Endpoint(
                mc.slug(),
                provider,
                ec.upstreamModel(),
                ec.tag().orElse(provider.id()),
                Pricing.from(ec.pricing()),
                ec.contextLength().orElse(mc.contextLength()),
                ec.maxCompletionTokens(),
                ec.maxPromptTokens(),
                ec.quantization(),
                ec.supportedParameters().orElse(provider.supportedParameters()),
                ec.dataPolicy().orElse(provider.dataPolicy()),
                Set.copyOf(new LinkedHashSet<>(ec.variants())),
                ec.supportsImplicitCaching(),
                ec.moderated());
    }

    public Optional<Model> model(String slug) {
        return Optional.ofNullable(models.get(slug));
    }

    /** Whether a request may name a model by {@code id}: its own id, or an alias. */
    public boolean knows(String id) {
        return models.containsKey(id) || aliases.containsKey(id);
    }

    /** The model id that {@code id} names: its own when a model has it, an alias's model, or else {@code id} as it is. */
    public String canonical(String id) {
        return models.containsKey(id) ? id : aliases.getOrDefault(id, id);
    }

    /** The aliases: another name of a model → its id. */
    public Map<String, String> aliases() {
        return aliases;
    }

    /** Every model, in catalog order. */
    public Collection<Model> models() {
        return ordered;
    }

    public Map<String, ProviderConfig> providers() {
        return providers;
    }

    /** A catalog with these models added or replacing those of the same id (discovery results). */
    public Catalog with(Collection<Model> extra, Map<String, ProviderConfig> extraProviders) {
        Map<String, Model> merged = new LinkedHashMap<>();
        ordered.forEach(m -> merged.put(m.slug(), m));
        extra.forEach(m -> merged.put(m.slug(), m));
        Map<String, ProviderConfig> p = new LinkedHashMap<>(providers);
        p.putAll(extraProviders);
        return new Catalog(merged, p, aliases);
    }

    /**
     * Builds one model from its configuration against these providers (every endpoint's provider must be
     * among them): how catalog refreshes build discovered and reloaded models the same way as {@link #from}.
     */
    public static Model build(ModelConfig mc, Map<String, ProviderConfig> providers) {
        return model(mc, providers);
    }
}
