package dev.junction.sim.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sim's web: the same query always finds the same pages, so tests can assert the sources a client is shown. Used
 * by the search endpoints (SearXNG's and a hosted API's) and by the models' own native web search.
 */
public final class SearchCorpus {
    /** The most results one search returns, like a search API's page. */
    public static final int MAX_RESULTS = 10;
    public static final String HOST = "sim-search.example";

    private SearchCorpus() {}

    /** One page found: where it is, its title and the snippet a search engine shows. */
    public record Result(String url, String title, String content) {}

    public static List<Result> search(String query, int count) {
        String q = query.strip().replaceAll("\\s+", " ");
        String slug = q.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40);
        }
        if (slug.isEmpty()) {
            slug = "empty";
        }
        List<Result> results = new ArrayList<>();
        for (int i = 1; i <= Math.max(0, Math.min(count, MAX_RESULTS)); i++) {
            results.add(new Result("https://" + HOST + "/" + slug + "/" + i, "Source " + i + " on " + abbreviated(q),
                    "Page " + i + " of the sim's web about " + abbreviated(q) + "."));
        }
        return results;
    }

    private static String abbreviated(String q) {
        return q.length() <= 60 ? q : q.substring(0, 60);
    }
}
