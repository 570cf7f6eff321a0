package dev.junction.search;

import io.vertx.core.Future;

import java.util.List;

/**
 * A web search service Junction asks on a client's behalf. Implementations fetch only through the fetch guard, and
 * fail with a message fit for an operator's log (never the service's key).
 */
public interface SearchBackend {
    /** At most {@code maxResults} results for {@code query}, best first. */
    Future<List<SearchResult>> search(String query, int maxResults);
}
