package dev.junction.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One provider serving a model: which provider, the model's name at that provider, and its prices,
 * limits and properties there. Empty optionals fall back to the provider's or the model's values.
 *
 * @param tag       the endpoint's slug for {@code provider.order}/{@code only}/{@code ignore}, e.g.
 *                  {@code deepinfra/turbo}; defaults to the provider id
 * @param variants  the model variants this endpoint serves ({@code free}, {@code exacto}, …)
 */
public record EndpointConfig(
        String provider,
        String upstreamModel,
        PricingConfig pricing,
        OptionalInt contextLength,
        OptionalInt maxCompletionTokens,
        Optional<String> tag,
        OptionalInt maxPromptTokens,
        Optional<String> quantization,
        Optional<Set<String>> supportedParameters,
        Optional<DataPolicyConfig> dataPolicy,
        List<String> variants,
        boolean supportsImplicitCaching,
        boolean moderated) {

    /** An endpoint with nothing but the essentials; everything else defaulted. */
    public static EndpointConfig of(String provider, String upstreamModel, PricingConfig pricing) {
        return new EndpointConfig(provider, upstreamModel, pricing, OptionalInt.empty(), OptionalInt.empty(),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), false, false);
    }
}
