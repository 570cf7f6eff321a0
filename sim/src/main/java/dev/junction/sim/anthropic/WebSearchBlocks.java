package dev.junction.sim.anthropic;

import dev.junction.sim.engine.Generation;
import dev.junction.sim.search.SearchCorpus;
import tools.jackson.core.JsonGenerator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What Claude's web search tool adds to a message, in Anthropic's shapes: a {@code server_tool_use} block (the query),
 * a {@code web_search_tool_result} block (the pages, with opaque {@code encrypted_content}), the
 * {@code web_search_result_location} citations of the text block that uses them (the usage's
 * {@code server_tool_use} is {@link MessagesUsage}'s).
 */
final class WebSearchBlocks {
    private WebSearchBlocks() {}

    static boolean searched(Generation generation) {
        return !generation.sources().isEmpty();
    }

    static String query(Generation generation) {
        return generation.sources().isEmpty() ? "" : generation.sources().getFirst().title()
                .replaceFirst("^Source 1 on ", "");
    }

    /** The fields of the {@code server_tool_use} block, with its whole input (a whole message has no deltas). */
    static void serverToolUse(JsonGenerator g, String id, boolean withInput, Generation generation) {
        g.writeStringProperty("type", "server_tool_use");
        g.writeStringProperty("id", id);
        g.writeStringProperty("name", "web_search");
        g.writeObjectPropertyStart("input");
        if (withInput) {
            g.writeStringProperty("query", query(generation));
        }
        g.writeEndObject();
    }

    /** The fields of the {@code web_search_tool_result} block, whole in a stream's {@code content_block_start} too. */
    static void toolResult(JsonGenerator g, String toolUseId, Generation generation) {
        g.writeStringProperty("type", "web_search_tool_result");
        g.writeStringProperty("tool_use_id", toolUseId);
        g.writeArrayPropertyStart("content");
        for (SearchCorpus.Result source : generation.sources()) {
            g.writeStartObject();
            g.writeStringProperty("type", "web_search_result");
            g.writeStringProperty("title", source.title());
            g.writeStringProperty("url", source.url());
            g.writeStringProperty("encrypted_content", opaque(source.content()));
            g.writeNullProperty("page_age");
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** One citation of the text, as a text block's {@code citations[]} item and a {@code citations_delta}'s. */
    static void citation(JsonGenerator g, SearchCorpus.Result source) {
        g.writeStartObject();
        g.writeStringProperty("type", "web_search_result_location");
        g.writeStringProperty("cited_text", source.content());
        g.writeStringProperty("url", source.url());
        g.writeStringProperty("title", source.title());
        g.writeStringProperty("encrypted_index", opaque(source.url()));
        g.writeEndObject();
    }

    private static String opaque(String text) {
        return "Sim" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
