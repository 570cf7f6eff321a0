package dev.junction.sim.gemini;

import dev.junction.sim.engine.Generation;
import dev.junction.sim.search.SearchCorpus;
import tools.jackson.core.JsonGenerator;

import java.nio.charset.StandardCharsets;

/**
 * Gemini's grounding with Google Search, on the candidate that finishes: {@code webSearchQueries}, a
 * {@code groundingChunks[].web} per page found, and one {@code groundingSupports} entry tying the whole reply (its
 * {@code segment}, offsets in UTF-8 bytes as Gemini counts them) to every chunk.
 */
final class GroundingMetadata {
    private GroundingMetadata() {}

    static void write(JsonGenerator g, Generation generation) {
        if (generation.sources().isEmpty()) {
            return;
        }
        String text = generation.content().map(c -> c.text()).orElse("");
        g.writeObjectPropertyStart("groundingMetadata");
        g.writeArrayPropertyStart("webSearchQueries");
        g.writeString(generation.sources().getFirst().title().replaceFirst("^Source 1 on ", ""));
        g.writeEndArray();
        g.writeArrayPropertyStart("groundingChunks");
        for (SearchCorpus.Result source : generation.sources()) {
            g.writeStartObject();
            g.writeObjectPropertyStart("web");
            g.writeStringProperty("uri", source.url());
            g.writeStringProperty("title", source.title());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("groundingSupports");
        g.writeStartObject();
        g.writeObjectPropertyStart("segment");
        g.writeNumberProperty("startIndex", 0);
        g.writeNumberProperty("endIndex", text.getBytes(StandardCharsets.UTF_8).length);
        g.writeStringProperty("text", text);
        g.writeEndObject();
        g.writeArrayPropertyStart("groundingChunkIndices");
        for (int i = 0; i < generation.sources().size(); i++) {
            g.writeNumber(i);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }
}
