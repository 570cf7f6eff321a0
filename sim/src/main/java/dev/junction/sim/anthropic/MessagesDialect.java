package dev.junction.sim.anthropic;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimToolCall;
import dev.junction.sim.engine.Dialect;
import dev.junction.sim.engine.Generation;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.PromptInfo;
import dev.junction.sim.engine.StreamRenderer;
import io.vertx.core.buffer.Buffer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/messages}: a whole {@code message}, or its event stream. Made per request because the script's
 * Anthropic-only parts (cache writes, redacted thinking) are not in the engine's {@link Generation}. Blocks come in
 * Claude's order: thinking (signed), redacted thinking, text, tool uses.
 */
final class MessagesDialect implements Dialect {
    static final String SSE = "text/event-stream; charset=utf-8";

    private final SimScript script;

    MessagesDialect(SimScript script) {
        this.script = script;
    }

    @Override
    public boolean textOnly() {
        return false;
    }

    /** Anthropic's stop reason for the engine's finish reason; scripted values (refusal, pause_turn, …) pass as they are. */
    static String stopReason(String finishReason) {
        return switch (finishReason) {
            case "stop" -> "end_turn";
            case "length" -> "max_tokens";
            case "tool_calls" -> "tool_use";
            default -> finishReason;
        };
    }

    @Override
    public Buffer completion(Generation generation, PromptInfo prompt) {
        return Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("id", AnthropicIds.message());
            g.writeStringProperty("type", "message");
            g.writeStringProperty("role", "assistant");
            g.writeStringProperty("model", prompt.model());
            g.writeArrayPropertyStart("content");
            if (!generation.reasoning().isEmpty()) {
                String thinking = generation.reasoning().text();
                g.writeStartObject();
                g.writeStringProperty("type", "thinking");
                g.writeStringProperty("thinking", thinking);
                g.writeStringProperty("signature", AnthropicIds.signature(thinking));
                g.writeEndObject();
            }
            script.redactedReasoning().ifPresent(data -> {
                g.writeStartObject();
                g.writeStringProperty("type", "redacted_thinking");
                g.writeStringProperty("data", data);
                g.writeEndObject();
            });
            if (WebSearchBlocks.searched(generation)) {
                String searchId = AnthropicIds.serverToolUse();
                g.writeStartObject();
                WebSearchBlocks.serverToolUse(g, searchId, true, generation);
                g.writeEndObject();
                g.writeStartObject();
                WebSearchBlocks.toolResult(g, searchId, generation);
                g.writeEndObject();
            }
            generation.content().ifPresent(text -> {
                g.writeStartObject();
                g.writeStringProperty("type", "text");
                g.writeStringProperty("text", text.text());
                if (WebSearchBlocks.searched(generation)) {
                    g.writeArrayPropertyStart("citations");
                    generation.sources().forEach(source -> WebSearchBlocks.citation(g, source));
                    g.writeEndArray();
                }
                g.writeEndObject();
            });
            for (SimToolCall call : generation.toolCalls()) {
                g.writeStartObject();
                g.writeStringProperty("type", "tool_use");
                g.writeStringProperty("id", AnthropicIds.toolUse());
                g.writeStringProperty("name", call.name());
                g.writeName("input");
                g.writeTree(input(call.arguments()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringProperty("stop_reason", stopReason(generation.finishReason()));
            g.writeNullProperty("stop_sequence");
            generation.usage().ifPresent(usage -> {
                MessagesUsage split = MessagesUsage.of(usage, script).withWebSearches(WebSearchBlocks.searched(generation) ? 1 : 0);
                split.write(g, split.output());
            });
            g.writeEndObject();
        });
    }

    /** A tool call's arguments as the object Anthropic's {@code input} is; arguments that are no object become {}. */
    static JsonNode input(String arguments) {
        try {
            JsonNode node = Json.MAPPER.readTree(arguments);
            return node.isObject() ? node : Json.MAPPER.createObjectNode();
        } catch (JacksonException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    @Override
    public StreamRenderer stream(Generation generation, PromptInfo prompt, SimScript requestScript) {
        return new MessagesStream(prompt.model(), generation, script.redactedReasoning(),
                generation.usage().map(u -> MessagesUsage.of(u, script)
                        .withWebSearches(WebSearchBlocks.searched(generation) ? 1 : 0)), script.padBytes().orElse(0),
                streamErrorEvent(script));
    }

    @Override
    public Buffer errorBody(int status, SimScript requestScript) {
        return AnthropicErrors.body(AnthropicErrors.scripted(status, requestScript));
    }

    @Override
    public Buffer streamErrorEvent(SimScript requestScript) {
        return AnthropicErrors.streamEvent(AnthropicErrors.scriptedInStream(requestScript));
    }

    @Override
    public String streamContentType() {
        return SSE;
    }

    /** One SSE event as Anthropic frames it: its type as the event name, then the JSON data. */
    static Buffer event(String type, Json.Writer data) {
        return Buffer.buffer("event: " + type + "\ndata: ").appendBuffer(Json.buffer(data)).appendString("\n\n");
    }
}
