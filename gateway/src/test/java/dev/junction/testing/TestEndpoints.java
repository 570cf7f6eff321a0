package dev.junction.testing;

import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Pricing;
import dev.junction.config.DataPolicyConfig;
import dev.junction.config.ProviderConfig;
import dev.junction.config.ProviderKind;
import dev.junction.config.ReasoningDialect;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Providers and endpoints for translator tests, with everything a test does not care about defaulted. */
public final class TestEndpoints {
    private TestEndpoints() {}

    public static ProviderConfig provider(String id, String name, ProviderKind kind, String baseUrl, List<String> dropFields) {
        URI uri = URI.create(baseUrl);
        ReasoningDialect dialect = ReasoningDialect.defaultFor(uri, ProviderConfig.Discovery.NONE);
        return new ProviderConfig(id, name, kind, uri, Optional.empty(), Optional.empty(), Map.of(),
                dropFields, ProviderConfig.Discovery.NONE, DataPolicyConfig.UNKNOWN, kind.defaultSupportedParameters(dialect),
                dialect, kind.defaultEmbeddingBatchSize());
    }

    public static Endpoint endpoint(String modelSlug, ProviderConfig provider, String upstreamModel, Pricing pricing,
                                    int contextLength, OptionalInt maxCompletionTokens) {
        return new Endpoint(modelSlug, provider, upstreamModel, provider.id(), pricing, contextLength, maxCompletionTokens,
                OptionalInt.empty(), Optional.empty(), provider.supportedParameters(), provider.dataPolicy(), Set.of(),
                false, false);
    }
}
