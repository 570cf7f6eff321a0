package dev.junction.search;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One page a search found: where it is, its title and the snippet the search service gave. */
public record SearchResult(String url, String title, String content) {

    /**
     * The first {@code max} results of a service's {@code results[]} whose items carry {@code url}, {@code title} and
     * {@code content} (SearXNG's and Tavily's alike); items without a URL are skipped.
     */
    static List<SearchResult> first(JsonNode results, int max) {
        List<SearchResult> found = new ArrayList<>();
        for (JsonNode r : results.values()) {
            if (found.size() >= max) {
                break;
            }
            String url = r.path("url").asString("");
            if (!url.isEmpty()) {
                found.add(new SearchResult(url, r.path("title").asString(""), r.path("content").asString("")));
            }
        }
        return found;
    }
}
