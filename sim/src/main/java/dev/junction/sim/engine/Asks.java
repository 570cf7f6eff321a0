package dev.junction.sim.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a request asks of the model beyond text, whatever its protocol: the tools it offers and may call, whether
 * its last turn hands back tool results, the shape its answer must have, whether it wants reasoning. An unscripted
 * sim acts on these the way a cooperative model would (see {@link Generation#plan}).
 *
 * @param tools        the functions offered, in the order given
 * @param toolChoice   whether, and which, tool the model may call
 * @param toolResults  the tool results of the last turn, when that turn only answers the model's calls: the model
 *                     then answers from them instead of calling again, so a client's tool loop ends
 * @param outputSchema the JSON Schema the answer must conform to ({@code json_schema}; a generic object schema for
 *                     {@code json_object})
 * @param reasoning    the request asks for reasoning (and does not exclude it from the answer)
 * @param webSearch    the request switches on the provider's own web search (Anthropic's web search tool, OpenAI's
 *                     {@code web_search_options}, Gemini's {@code google_search}): the answer cites what it found
 */
public record Asks(List<Tool> tools, ToolChoice toolChoice, Optional<List<String>> toolResults,
                   Optional<JsonNode> outputSchema, boolean reasoning, boolean webSearch) {

    /** A plain text request. */
    public static final Asks NOTHING = new Asks(List.of(), ToolChoice.auto(), Optional.empty(), Optional.empty(), false, false);

    /** The schema of {@code json_object}: any object; the sim answers with its reply under {@code answer}. */
    public static final JsonNode ANY_OBJECT = Json.MAPPER.readTree(
            "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},\"required\":[\"answer\"]}");

    public Asks {
        tools = List.copyOf(tools);
        Objects.requireNonNull(toolChoice, "toolChoice");
        Objects.requireNonNull(toolResults, "toolResults");
        Objects.requireNonNull(outputSchema, "outputSchema");
        toolResults = toolResults.map(List::copyOf);
    }

    /** The same asks without native web search, for a protocol whose request did not switch it on. */
    public Asks withWebSearch(boolean search) {
        return new Asks(tools, toolChoice, toolResults, outputSchema, reasoning, search);
    }

    public boolean answersTools() {
        return toolResults.isPresent();
    }

    /** An offered function and the JSON Schema of its arguments (an empty object schema when it declares none). */
    public record Tool(String name, JsonNode parameters) {
        public Tool {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(parameters, "parameters");
        }
    }

    /**
     * Whether the model may call a tool: {@code none} forbids it, {@code named} forces one; otherwise ({@code auto},
     * {@code required}) the sim calls the first offered tool, once per user turn.
     */
    public record ToolChoice(boolean allowed, Optional<String> named) {
        public static ToolChoice auto() {
            return new ToolChoice(true, Optional.empty());
        }

        public static ToolChoice none() {
            return new ToolChoice(false, Optional.empty());
        }

        public static ToolChoice named(String name) {
            return new ToolChoice(true, Optional.of(name));
        }
    }
}
