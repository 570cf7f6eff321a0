package dev.junction.wire;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The request's {@code provider} object: how the caller wants endpoints chosen. Provider names are
 * matched case-insensitively against a provider's id, its display name, or an endpoint's tag.
 *
 * @param order              endpoints to try first, in this order
 * @param allowFallbacks     false: only the endpoints in {@code order} (or only the best one)
 * @param only               when present, only these providers
 * @param sort               order by price, throughput, latency or tool-calling record instead of load balancing
 * @param sortAcrossModels   sort the endpoints of all requested models together (partition "none")
 * @param quantizations      when non-empty, only endpoints with one of these quantizations
 * @param maxPrice           the most the caller will pay
 * @param requireParameters  only endpoints that support every parameter the request uses
 * @param denyDataCollection only endpoints that do not train on prompts
 * @param zdr                only zero-data-retention endpoints
 * @param preferredMaxLatencySeconds     endpoints over this p50 time to first token go after the others
 * @param preferredMinThroughput         endpoints under this p50 tokens/s go after the others
 * @param enforceDistillableText         only models whose author allows distilling their output
 */
public record ProviderPreferences(
        List<String> order,
        boolean allowFallbacks,
        Optional<Set<String>> only,
        Set<String> ignore,
        Optional<Sort> sort,
        boolean sortAcrossModels,
        Set<String> quantizations,
        MaxPrice maxPrice,
        boolean requireParameters,
        boolean denyDataCollection,
        boolean zdr,
        OptionalDouble preferredMaxLatencySeconds,
        OptionalDouble preferredMinThroughput,
        boolean enforceDistillableText) {

    public static final ProviderPreferences DEFAULT = new ProviderPreferences(List.of(), true, Optional.empty(),
            Set.of(), Optional.empty(), false, Set.of(), MaxPrice.NONE, false, false, false, OptionalDouble.empty(),
            OptionalDouble.empty(), false);

    /** How to order endpoints instead of load-balancing; {@code EXACTO}: best measured tool-calling record first. */
    public enum Sort { PRICE, THROUGHPUT, LATENCY, EXACTO }

    /**
     * Price ceilings in USD: prompt and completion per million tokens, request per request, image per image, audio
     * per audio unit (which no endpoint here prices: it cannot be applied, and the client is told so).
     */
    public record MaxPrice(Optional<BigDecimal> promptPerMillion, Optional<BigDecimal> completionPerMillion,
                           Optional<BigDecimal> request, Optional<BigDecimal> image, Optional<BigDecimal> audio) {
        public static final MaxPrice NONE = new MaxPrice(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public ProviderPreferences withSort(Sort newSort) {
        return new ProviderPreferences(order, allowFallbacks, only, ignore, Optional.of(newSort), sortAcrossModels,
                quantizations, maxPrice, requireParameters, denyDataCollection, zdr, preferredMaxLatencySeconds,
                preferredMinThroughput, enforceDistillableText);
    }
}
