package dev.junction.search;

import dev.junction.fetch.GuardedFetch;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.List;

/**
 * Tavily's hosted search API: {@code POST <url>/search} with {@code {"query", "max_results"}} and the key as a
 * bearer token; results carry {@code title}, {@code url} and {@code content}.
 */
public final class TavilyBackend implements SearchBackend {
    private final GuardedFetch fetch;
    private final URI base;
    private final String apiKey;

    public TavilyBackend(GuardedFetch fetch, URI base, String apiKey) {
        this.fetch = fetch;
        this.base = base;
        this.apiKey = apiKey;
    }

    @Override
    public Future<List<SearchResult>> search(String query, int maxResults) {
        ObjectNode request = Json.object();
        request.put("query", query);
        request.put("max_results", maxResults);
        request.put("search_depth", "basic");
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add(HttpHeaders.CONTENT_TYPE, "application/json")
                .add(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
        URI url = URI.create(base.toString().replaceAll("/+$", "") + "/search");
        return fetch.post(url, headers, Buffer.buffer(Json.text(request)))
                .map(answer -> SearchResult.first(Json.parse(answer.body().getBytes()).path("results"), maxResults));
    }
}
