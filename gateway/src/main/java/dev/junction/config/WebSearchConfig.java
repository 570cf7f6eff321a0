package dev.junction.config;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Junction's own web search, for {@code :online} and the {@code web} plugin on providers without a search of their
 * own (or when the client names another engine).
 *
 * @param pricePerResult USD billed per search result injected into a prompt (OpenRouter charges $4 per 1000)
 * @param defaultBackend the backend used unless the request's {@code engine} names another; empty when none is
 *                       configured (web search is then answered without results, with a warning)
 * @param backends       the configured search services by name
 */
public record WebSearchConfig(BigDecimal pricePerResult, Optional<String> defaultBackend,
                              Map<String, Backend> backends) {
    public static final BigDecimal DEFAULT_PRICE_PER_RESULT = new BigDecimal("0.004");

    /** What kind of service a backend is. */
    public enum Kind {
        /** A self-hosted SearXNG instance's JSON API ({@code GET /search?format=json}). */
        SEARXNG,
        /** Tavily's hosted search API ({@code POST /search} with a bearer key). */
        TAVILY
    }

    /**
     * One search service. Its URL goes through the fetch guard like every URL Junction fetches: a backend on a
     * private address needs {@code fetch.allow}.
     *
     * @param apiKey resolved from {@code api-key-env} at start-up; never written in the file
     */
    public record Backend(String name, Kind kind, URI url, Optional<String> apiKeyEnv, Optional<String> apiKey) {}
}
