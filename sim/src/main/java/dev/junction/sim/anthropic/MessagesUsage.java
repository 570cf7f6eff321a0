package dev.junction.sim.anthropic;

import dev.junction.sim.SimScript;
import dev.junction.sim.engine.Usage;
import tools.jackson.core.JsonGenerator;

/**
 * Anthropic's usage split: {@code input_tokens} is only the part of the prompt neither read from nor written to
 * the cache; {@code cache_read_input_tokens} is the script's {@code cached_tokens}, {@code cache_creation_input_tokens}
 * its {@code cache_write_tokens} (capped at what is left of the prompt).
 */
record MessagesUsage(int input, int cacheWrite, int cacheRead, int output, int webSearches) {

    static MessagesUsage of(Usage usage, SimScript script) {
        int read = usage.cachedTokens();
        int write = Math.min(script.cacheWriteTokens().orElse(0), usage.promptTokens() - read);
        return new MessagesUsage(usage.promptTokens() - read - write, write, read, usage.completionTokens(), 0);
    }

    /** The same usage with the web searches the model ran ({@code server_tool_use.web_search_requests}). */
    MessagesUsage withWebSearches(int searches) {
        return new MessagesUsage(input, cacheWrite, cacheRead, output, searches);
    }

    /** {@code server_tool_use}, when the model searched. */
    void writeServerToolUse(JsonGenerator g) {
        if (webSearches > 0) {
            g.writeObjectPropertyStart("server_tool_use");
            g.writeNumberProperty("web_search_requests", webSearches);
            g.writeEndObject();
        }
    }

    /** The {@code usage} object with every count, as in a whole message and in {@code message_start}. */
    void write(JsonGenerator g, int outputTokens) {
        g.writeObjectPropertyStart("usage");
        g.writeNumberProperty("input_tokens", input);
        g.writeNumberProperty("cache_creation_input_tokens", cacheWrite);
        g.writeNumberProperty("cache_read_input_tokens", cacheRead);
        g.writeObjectPropertyStart("cache_creation");
        g.writeNumberProperty("ephemeral_5m_input_tokens", cacheWrite);
        g.writeNumberProperty("ephemeral_1h_input_tokens", 0);
        g.writeEndObject();
        g.writeNumberProperty("output_tokens", outputTokens);
        writeServerToolUse(g);
        g.writeStringProperty("service_tier", "standard");
        g.writeEndObject();
    }
}
