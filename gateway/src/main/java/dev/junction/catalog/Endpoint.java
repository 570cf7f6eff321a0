package dev.junction.catalog;

import dev.junction.config.DataPolicyConfig;
import dev.junction.config.ProviderConfig;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A model served by one provider: where requests for it go, what they cost there, and what the
 * endpoint accepts and promises.
 *
 * @param tag            the endpoint slug clients name in {@code provider.order}/{@code only}/{@code ignore}
 * @param contextLength  0 when unknown (local servers often do not say)
 * @param variants       model variants this endpoint serves ({@code free}, {@code exacto}, {@code extended})
 */
public record Endpoint(
        String modelSlug,
        ProviderConfig provider,
        String upstreamModel,
        String tag,
        Pricing pricing,
        int contextLength,
        OptionalInt maxCompletionTokens,
        OptionalInt maxPromptTokens,
        Optional<String> quantization,
        Set<String> supportedParameters,
        DataPolicyConfig dataPolicy,
        Set<String> variants,
        boolean supportsImplicitCaching,
        boolean moderated) {

    /** Routable only when the provider has the credentials it needs. */
    public boolean routable() {
        return provider.hasCredentials();
    }

    /** The provider's display name, as clients see it in {@code provider}. */
    public String providerName() {
        return provider.name();
    }

    /** Identifies the endpoint in health statistics: one provider serving one upstream model. */
    public String key() {
        return provider.id() + "|" + upstreamModel;
    }

    /** Zero data retention: the provider neither keeps nor trains on prompts. */
    public boolean zeroDataRetention() {
        return !dataPolicy.retainsPrompts() && !dataPolicy.training();
    }

    /** Free: nothing to pay for prompt, completion or request. */
    public boolean isFree() {
        return pricing.prompt().isZero() && pricing.completion().isZero() && pricing.request().isZero();
    }

    /** Whether a client's provider name means this endpoint: its provider's id or display name, or its tag, ignoring case. */
    public boolean isNamed(String name) {
        return name.equalsIgnoreCase(provider.id()) || name.equalsIgnoreCase(providerName()) || name.equalsIgnoreCase(tag);
    }

    /** The model's author: its slug up to the slash ({@code openai} of {@code openai/gpt-4o}), empty without one. */
    public String author() {
        int slash = modelSlug.indexOf('/');
        return slash > 0 ? modelSlug.substring(0, slash) : "";
    }

    /** A display name in OpenRouter's style, {@code "Provider | author/slug"}. */
    public String displayName() {
        return providerName() + " | " + modelSlug;
    }
}
