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
        List<Endpoint> endpoints) {

    public List<Endpoint> routableEndpoints() {
        return endpoints.stream().filter(Endpoint::routable).toList();
    }

    /** The parameters at least one endpoint accepts, in a stable order. */
    public Set<String> supportedParameters() {
        Set<String> all = new LinkedHashSet<>();
        endpoints.forEach(e -> all.addAll(e.supportedParameters()));
        return all;
    }

    /** Whether {@code variant} is offered: by the model itself or by at least one endpoint. */
    public boolean offers(String variant) {
        return variants.contains(variant) || endpoints.stream().anyMatch(e -> e.variants().contains(variant));
    }

    public boolean isEmbeddingModel() {
        return architecture.outputModalities().contains("embeddings");
    }
}
