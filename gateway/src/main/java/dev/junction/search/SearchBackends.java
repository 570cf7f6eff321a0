package dev.junction.search;

import dev.junction.config.WebSearchConfig;
import dev.junction.fetch.GuardedFetch;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The configured search backends of one event loop, by name, and the one a request gets unless it names another. */
public final class SearchBackends {
    private final Map<String, SearchBackend> byName = new HashMap<>();
    private final Optional<String> defaultName;

    public SearchBackends(WebSearchConfig config, GuardedFetch fetch) {
        config.backends().forEach((name, b) -> byName.put(name, switch (b.kind()) {
            case SEARXNG -> new SearxngBackend(fetch, b.url());
            case TAVILY -> new TavilyBackend(fetch, b.url(), b.apiKey().orElse(""));
        }));
        this.defaultName = config.defaultBackend();
    }

    /** The backend an {@code engine} names, else the default one; empty when none is configured. */
    public Optional<SearchBackend> forEngine(Optional<String> engine) {
        return engine.map(byName::get).or(() -> defaultName.map(byName::get));
    }
}
