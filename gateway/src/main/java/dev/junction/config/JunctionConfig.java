package dev.junction.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated configuration. Built by {@link ConfigLoader}; every field has a default.
 *
 * @param aliases other names of models, e.g. Anthropic's {@code claude-sonnet-4-5}: alias → model id
 */
public record JunctionConfig(
        ServerConfig server,
        UpstreamConfig upstream,
        List<KeyConfig> keys,
        Map<String, ProviderConfig> providers,
        Map<String, ModelConfig> models,
        Map<String, String> aliases,
        Optional<String> defaultModel,
        CatalogConfig catalog,
        RoutingConfig routing,
        AutoRouterConfig autoRouter,
        StorageConfig storage,
        AccountingConfig accounting,
        LimitsConfig limits,
        ClusterConfig cluster,
        OAuthConfig oauth,
        LoggingConfig logging,
        MetricsConfig metrics,
        TracingConfig tracing,
        WebSearchConfig webSearch,
        FetchConfig fetch) {}
