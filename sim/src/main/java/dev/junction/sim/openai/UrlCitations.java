package dev.junction.sim.openai;

import dev.junction.sim.engine.Generation;
import dev.junction.sim.search.SearchCorpus;
import tools.jackson.core.JsonGenerator;

/**
 * OpenAI's {@code url_citation} annotations of a search model's answer: each source cited over the whole reply, as
 * {@code {"type":"url_citation","url_citation":{"url","title","start_index","end_index"}}} — on the message, and in a
 * stream on the delta of the chunk after the last content.
 */
final class UrlCitations {
    private UrlCitations() {}

    static void write(JsonGenerator g, Generation generation) {
        int end = generation.content().map(c -> c.text().length()).orElse(0);
        g.writeArrayPropertyStart("annotations");
        for (SearchCorpus.Result source : generation.sources()) {
            g.writeStartObject();
            g.writeStringProperty("type", "url_citation");
            g.writeObjectPropertyStart("url_citation");
            g.writeNumberProperty("end_index", end);
            g.writeNumberProperty("start_index", 0);
            g.writeStringProperty("title", source.title());
            g.writeStringProperty("url", source.url());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
