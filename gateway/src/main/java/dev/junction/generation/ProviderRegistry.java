package dev.junction.generation;

import dev.junction.config.ProviderConfig;
import dev.junction.config.UpstreamConfig;
import dev.junction.providers.Provider;
import dev.junction.providers.UpstreamHttp;
import dev.junction.providers.anthropic.AnthropicProvider;
import dev.junction.providers.gemini.GeminiProvider;
import dev.junction.providers.openai.OpenAiProvider;
import dev.junction.providers.rerank.RerankProvider;
import io.vertx.core.http.HttpClient;

import java.util.HashMap;
import java.util.Map;

/**
 * The providers of one event loop, all sharing that loop's HTTP client so that an upstream call's
 * callbacks run on the same thread as the client request that caused it. Providers are made on first
 * use from the endpoint's own configuration and remade when a reload changes it, so a reloaded catalog
 * needs no restart. Used by one event loop only: no locking.
 */
public final class ProviderRegistry {
    private final UpstreamHttp http;
    private final Map<String, Made> byId = new HashMap<>();

    private record Made(ProviderConfig config, Provider provider) {}

    public ProviderRegistry(HttpClient client, UpstreamConfig upstream) {
        this.http = new UpstreamHttp(client, upstream);
    }

    /**
     * The provider for this configuration: the one made before if the configuration is unchanged. Kept by provider
     * and key, so that an account's own key (BYOK) and the gateway's each keep their provider.
     */
    public Provider forConfig(ProviderConfig config) {
        String slot = config.id() + "\n" + config.apiKey().orElse("");
        Made made = byId.get(slot);
        if (made == null || !made.config().equals(config)) {
            made = new Made(config, create(config));
            byId.put(slot, made);
        }
        return made.provider();
    }

    private Provider create(ProviderConfig config) {
        return switch (config.kind()) {
            case OPENAI -> new OpenAiProvider(config, http);
            case GEMINI -> new GeminiProvider(config, http);
            case ANTHROPIC -> new AnthropicProvider(config, http);
            case RERANK -> new RerankProvider(config, http);
        };
    }
}
