package dev.junction.catalog.discovery;

import dev.junction.config.ProviderConfig;

import java.time.Duration;
import java.util.List;

/** Asks a provider for its models over HTTP in the way its {@code discovery} setting names. */
public final class HttpModelSource implements ModelSource, AutoCloseable {
    private final DiscoveryHttp http;

    public HttpModelSource(Duration connectTimeout, Duration timeout) {
        this.http = new DiscoveryHttp(connectTimeout, timeout);
    }

    @Override
    public List<DiscoveredModel> list(ProviderConfig provider) {
        return switch (provider.discovery()) {
            case NONE -> List.of();
            case OPENAI -> OpenAiModelList.fetch(http, provider);
            case LMSTUDIO -> LmStudioModelList.fetch(http, provider);
            case OLLAMA -> OllamaModelList.fetch(http, provider);
            case OPENROUTER -> OpenRouterModelList.fetch(http, provider);
        };
    }

    @Override
    public void close() {
        http.close();
    }
}
