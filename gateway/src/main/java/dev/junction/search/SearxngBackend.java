package dev.junction.search;

import dev.junction.fetch.GuardedFetch;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A self-hosted SearXNG instance: {@code GET <url>/search?q=…&format=json} (the instance must have the {@code json}
 * format switched on in its settings). SearXNG pages its results and takes no count, so the first
 * {@code maxResults} of the first page are kept.
 */
public final class SearxngBackend implements SearchBackend {
    private final GuardedFetch fetch;
    private final URI base;

    public SearxngBackend(GuardedFetch fetch, URI base) {
        this.fetch = fetch;
        this.base = base;
    }

    @Override
    public Future<List<SearchResult>> search(String query, int maxResults) {
        String path = base.toString().replaceAll("/+$", "") + "/search?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&format=json";
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(HttpHeaders.ACCEPT, "application/json");
        return fetch.get(URI.create(path), headers)
                .map(answer -> SearchResult.first(Json.parse(answer.body().getBytes()).path("results"), maxResults));
    }
}
