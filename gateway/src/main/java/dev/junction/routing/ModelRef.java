package dev.junction.routing;

import java.util.Optional;
import java.util.Set;

/**
 * A requested model id split into the catalog model and an optional variant suffix, e.g.
 * {@code meta-llama/llama-3.3-70b-instruct:free}. An id that exists in the catalog as written is
 * never split, so local model names with colons (Ollama's {@code llama3.1:8b}) work as they are.
 */
public record ModelRef(String requested, String slug, Optional<Variant> variant) {

    /** OpenRouter's model variants. */
    public enum Variant {
        /** Free endpoints only. */
        FREE,
        /** Throughput first: like {@code provider.sort = throughput}. */
        NITRO,
        /** Price first: like {@code provider.sort = price}. */
        FLOOR,
        /** The web-search plugin. */
        ONLINE,
        /** Reasoning switched on. */
        THINKING,
        /** Endpoints ordered by their measured tool-calling record. */
        EXACTO,
        /** Endpoints with an extended context window. */
        EXTENDED;

        public String suffix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<Variant> of(String suffix) {
            for (Variant v : values()) {
                if (v.suffix().equals(suffix)) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }

        /** Variants that are distinct models on OpenRouter, so the response keeps the suffix. */
        boolean namesAModel() {
            return Set.of(FREE, THINKING, EXTENDED, EXACTO).contains(this);
        }
    }

    /** Splits {@code requested} unless the whole id is a known model. */
    public static ModelRef parse(String requested, java.util.function.Predicate<String> known) {
        if (known.test(requested)) {
            return new ModelRef(requested, requested, Optional.empty());
        }
        int colon = requested.lastIndexOf(':');
        if (colon > 0) {
            Optional<Variant> variant = Variant.of(requested.substring(colon + 1));
            if (variant.isPresent()) {
                return new ModelRef(requested, requested.substring(0, colon), variant);
            }
        }
        return new ModelRef(requested, requested, Optional.empty());
    }

    /** The same reference to the model an alias stands for: {@code claude-sonnet-4-5} → {@code anthropic/claude-sonnet-4.5}. */
    public ModelRef withSlug(String canonical) {
        return new ModelRef(requested, canonical, variant);
    }

    /** The id the response names: the base slug for routing shortcuts, the full id for distinct variants. */
    public String servedAs() {
        return variant.filter(Variant::namesAModel).map(v -> slug + ":" + v.suffix()).orElse(slug);
    }

    public boolean is(Variant v) {
        return variant.filter(x -> x == v).isPresent();
    }
}
