package dev.junction.wire;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenRouter's {@code annotations} of a source an answer rests on:
 * {@code {"type":"url_citation","url_citation":{"url","title","content","start_index","end_index"}}} — the shape every
 * upstream's citations (Anthropic's web search result locations, OpenAI's {@code url_citation}s, Gemini's grounding)
 * and Junction's own web search become, on the message and on a stream's delta. The indexes are character offsets
 * into the message's {@code content}.
 */
public final class UrlCitations {
    private UrlCitations() {}

    public static ObjectNode of(String url, String title, String content, long start, long end) {
        ObjectNode annotation = Json.object();
        annotation.put("type", "url_citation");
        ObjectNode citation = annotation.putObject("url_citation");
        citation.put("url", url);
        citation.put("title", title);
        if (!content.isEmpty()) {
            citation.put("content", content);
        }
        citation.put("start_index", start);
        citation.put("end_index", end);
        return annotation;
    }

    /** The annotations of a message or delta, made if absent. */
    public static ArrayNode on(ObjectNode messageOrDelta) {
        JsonNode existing = messageOrDelta.get("annotations");
        return existing instanceof ArrayNode array ? array : messageOrDelta.putArray("annotations");
    }

    /** Whether an annotation is a URL citation with a URL (the only kind the other dialects render). */
    public static boolean isUrlCitation(JsonNode annotation) {
        return "url_citation".equals(annotation.path("type").asString(""))
                && annotation.path("url_citation").path("url").isString();
    }
}
