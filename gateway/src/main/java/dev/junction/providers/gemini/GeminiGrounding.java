package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import dev.junction.wire.UrlCitations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini's grounding with Google Search ({@code groundingMetadata} on a candidate) as OpenRouter's
 * {@code url_citation} annotations: each {@code groundingSupports} entry cites its {@code groundingChunks[].web}
 * pages over its {@code segment}, whose offsets Gemini counts in UTF-8 bytes of the candidate's text and OpenRouter's
 * in characters. Pages no support names are cited over the whole text.
 */
final class GeminiGrounding {
    private GeminiGrounding() {}

    static Optional<ArrayNode> annotations(JsonNode candidate, String text) {
        JsonNode grounding = candidate.path("groundingMetadata");
        JsonNode chunks = grounding.path("groundingChunks");
        if (!chunks.isArray() || chunks.isEmpty()) {
            return Optional.empty();
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ArrayNode annotations = Json.NODES.arrayNode();
        Set<Integer> cited = new HashSet<>();
        for (JsonNode support : grounding.path("groundingSupports").values()) {
            JsonNode segment = support.path("segment");
            long start = chars(utf8, segment.path("startIndex").asLong(0));
            long end = chars(utf8, segment.path("endIndex").asLong(utf8.length));
            String quoted = segment.path("text").asString("");
            for (JsonNode index : support.path("groundingChunkIndices").values()) {
                int i = index.asInt(-1);
                if (i >= 0 && i < chunks.size() && add(annotations, chunks.get(i), quoted, start, end)) {
                    cited.add(i);
                }
            }
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (!cited.contains(i)) {
                add(annotations, chunks.get(i), "", 0, text.length());
            }
        }
        return annotations.isEmpty() ? Optional.empty() : Optional.of(annotations);
    }

    private static boolean add(ArrayNode annotations, JsonNode chunk, String content, long start, long end) {
        JsonNode web = chunk.path("web");
        String uri = web.path("uri").asString("");
        if (uri.isEmpty()) {
            return false;
        }
        annotations.add(UrlCitations.of(uri, web.path("title").asString(""), content, start, end));
        return true;
    }

    /** The character offset of a UTF-8 byte offset, clamped to the text. */
    private static long chars(byte[] utf8, long bytes) {
        int limit = (int) Math.max(0, Math.min(bytes, utf8.length));
        return new String(utf8, 0, limit, StandardCharsets.UTF_8).length();
    }
}
