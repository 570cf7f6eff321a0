package dev.junction.search;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The system message that hands search results to the model, as OpenRouter's web plugin writes it: its default
 * introduction (dated, asking for citations as markdown links named by the source's domain) or the request's own
 * {@code search_prompt}, then the results.
 */
public final class SearchPrompt {
    private SearchPrompt() {}

    public static String introduction(Instant now) {
        return "A web search was conducted on " + LocalDate.ofInstant(now, ZoneOffset.UTC) + ". Incorporate the "
                + "following web search results into your response.\n\nIMPORTANT: Cite them using markdown links named "
                + "using the domain of the source.\nExample: [nytimes.com](https://nytimes.com/some-page).";
    }

    public static String of(Optional<String> searchPrompt, Instant now, List<SearchResult> results) {
        StringBuilder text = new StringBuilder(searchPrompt.orElseGet(() -> introduction(now)));
        text.append("\n");
        for (SearchResult r : results) {
            text.append("\n[").append(r.title().isEmpty() ? r.url() : r.title()).append("](").append(r.url()).append(")");
            if (!r.content().isEmpty()) {
                text.append("\n").append(r.content());
            }
            text.append("\n");
        }
        return text.toString();
    }
}
