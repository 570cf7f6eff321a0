package dev.junction.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model offered under an {@code author/slug} id, with its endpoints in catalog order.
 *
 * @param created    unix seconds; 0 when unknown
 * @param variants   variants the model offers itself (e.g. {@code thinking}), besides its endpoints'
 * @param distillableText its author allows training on its output ({@code provider.enforce_distillable_text})
 */
public record Model(
        String slug,
        String name,
        String canonicalSlug,
        Optional<String> huggingFaceId,
        long created,
        String description,
        int contextLength,
        Architecture architecture,
        List<String> categories,
        Set<String> variants,
        Map<String, BigDecimal> defaultParameters,
        List<Endpoint> endpoints,
        boolean distillableText) {

    public List<Endpoint> routableEndpoints() {
        return endpoints.stream().filter(Endpoint::routable).toList();
    }

    /**
     * The parameters at least one routable endpoint accepts, in a stable order: an endpoint whose provider lacks
     * credentials cannot serve a request, so what only it accepts is not on offer. A model with no routable endpoint
     * at all (listed only on request) shows what its endpoints would accept.
     */
    public Set<String> supportedParameters() {
        List<Endpoint> routable = routableEndpoints();
        Set<String> all = new LinkedHashSet<>();
        (routable.isEmpty() ? endpoints : routable).forEach(e -> all.addAll(e.supportedParameters()));
        return all;
    }

    /** Whether {@code variant} is offered: by the model itself or by at least one endpoint. */
    public boolean offers(String variant) {
        return variants.contains(variant) || endpoints.stream().anyMatch(e -> e.variants().contains(variant));
    }

    public boolean isEmbeddingModel() {
        return architecture.outputModalities().contains("embeddings");
    }

    public boolean isRerankModel() {
        return architecture.outputModalities().contains("rerank");
    }

    /** What the model is for: {@code embeddings}, {@code rerank}, or {@code generation} (chat and completions). */
    public String purpose() {
        return isEmbeddingModel() ? "embeddings" : isRerankModel() ? "rerank" : "generation";
    }
}
