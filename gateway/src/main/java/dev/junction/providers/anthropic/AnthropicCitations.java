package dev.junction.providers.anthropic;

import dev.junction.wire.UrlCitations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The citations of one Anthropic text block as OpenRouter's {@code url_citation} annotations over that block's span
 * of the message's content: {@code web_search_result_location} (web search) and {@code search_result_location} with
 * a URL source. Document citations (char, page, content-block locations) name no URL and are left out.
 */
final class AnthropicCitations {
    private AnthropicCitations() {}

    static void add(ArrayNode annotations, JsonNode citation, long start, long end) {
        String type = citation.path("type").asString("");
        String url = switch (type) {
            case "web_search_result_location" -> citation.path("url").asString("");
            case "search_result_location" -> citation.path("source").asString("");
            default -> "";
        };
        if (url.isEmpty()) {
            return;
        }
        annotations.add(UrlCitations.of(url, citation.path("title").asString(""),
                citation.path("cited_text").asString(""), start, end));
    }
}
