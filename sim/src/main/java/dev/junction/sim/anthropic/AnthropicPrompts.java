package dev.junction.sim.anthropic;

import dev.junction.sim.engine.Asks;
import dev.junction.sim.engine.PromptInfo;
import dev.junction.sim.engine.ScriptResolver;
import dev.junction.sim.engine.Words;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks a Messages API request the way Anthropic does, with Anthropic's messages for what it refuses:
 * required {@code model}, {@code max_tokens} and {@code messages}; no fields the API does not know; every
 * {@code tool_result} answering a {@code tool_use} of the assistant turn just before; every {@code thinking} block
 * carrying the signature the sim gave its text. Counts prompt words (see {@link Words}) over the system text, text
 * blocks, tool inputs and tool results.
 */
final class AnthropicPrompts {
    /** Top-level fields of the Messages API, plus the sim's own script field. */
    private static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "system", "metadata",
            "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking",
            "output_config", "output_format", "cache_control", "service_tier", "container", "mcp_servers",
            "context_management", ScriptResolver.BODY_FIELD);

    /** A request Anthropic would reject with a 400 and this message. */
    static final class InvalidRequest extends RuntimeException {
        InvalidRequest(String message) {
            super(message, null, false, false);
        }
    }

    private AnthropicPrompts() {
    }

    /**
     * What the engine needs; when the last user turn holds tool results, its {@link Asks#toolResults()} say so and the
     * model answers them rather than calling tools again.
     */
    static PromptInfo parse(JsonNode body) {
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidRequest(field + ": Extra inputs are not permitted");
            }
        }
        JsonNode model = body.path("model");
        if (!model.isString() || model.stringValue().isEmpty()) {
            throw new InvalidRequest("model: Field required");
        }
        JsonNode maxTokens = body.path("max_tokens");
        if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt() || maxTokens.intValue() < 1) {
            throw new InvalidRequest("max_tokens: Field required (an integer >= 1)");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            throw new InvalidRequest("messages: Field required");
        }
        int words = Words.count(text(body.path("system")));
        Optional<String> echo = Optional.empty();
        List<String> lastResults = List.of();
        Set<String> previousToolUses = Set.of();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asString("");
            JsonNode content = message.path("content");
            String path = "messages." + i;
            words += Words.count(text(content));
            switch (role) {
                case "user" -> {
                    List<String> results = toolResults(content, previousToolUses, path);
                    lastResults = results;
                    boolean answersTools = !results.isEmpty();
                    String said = blockText(content, "text");
                    echo = Optional.of(said.isEmpty() && answersTools ? String.join("\n", results) : said);
                    previousToolUses = Set.of();
                }
                case "assistant" -> {
                    checkThinking(content, path);
                    previousToolUses = toolUses(content);
                    lastResults = List.of();
                }
                default -> throw new InvalidRequest(path + ".role: Input should be 'user' or 'assistant'");
            }
        }
        boolean stream = body.path("stream").asBoolean(false);
        Asks asks = new Asks(tools(body), toolChoice(body),
                lastResults.isEmpty() ? Optional.empty() : Optional.of(lastResults), outputSchema(body),
                thinking(body), webSearchTool(body));
        return new PromptInfo(model.stringValue(), stream, true, words, echo, OptionalInt.of(maxTokens.intValue()), asks);
    }

    /** Whether Anthropic's server-side web search tool ({@code web_search_20250305} and later versions) is offered. */
    private static boolean webSearchTool(JsonNode body) {
        for (JsonNode tool : body.path("tools").values()) {
            if (tool.path("type").asString("").startsWith("web_search_")) {
                return true;
            }
        }
        return false;
    }

    /** Custom tools (those with an {@code input_schema}); Anthropic's server tools are not the model's to call. */
    private static List<Asks.Tool> tools(JsonNode body) {
        List<Asks.Tool> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools").values()) {
            if (tool.path("name").isString() && tool.path("input_schema").isObject()) {
                tools.add(new Asks.Tool(tool.get("name").stringValue(), tool.get("input_schema")));
            }
        }
        return tools;
    }

    /** {@code tool_choice}: {@code auto}, {@code any}, {@code tool} with its {@code name}, or {@code none}. */
    private static Asks.ToolChoice toolChoice(JsonNode body) {
        JsonNode choice = body.path("tool_choice");
        return switch (choice.path("type").asString("auto")) {
            case "none" -> Asks.ToolChoice.none();
            case "tool" -> Asks.ToolChoice.named(choice.path("name").asString(""));
            default -> Asks.ToolChoice.auto();
        };
    }

    /** Structured outputs: {@code output_config.format} (or the older {@code output_format}) of type json_schema. */
    private static Optional<JsonNode> outputSchema(JsonNode body) {
        JsonNode format = body.path("output_config").has("format") ? body.path("output_config").path("format")
                : body.path("output_format");
        return "json_schema".equals(format.path("type").asString("")) && format.path("schema").isObject()
                ? Optional.of(format.get("schema")) : Optional.empty();
    }

    /** Extended thinking switched on: the model thinks (a signed thinking block) before it answers. */
    private static boolean thinking(JsonNode body) {
        String type = body.path("thinking").path("type").asString("");
        return type.equals("enabled") || type.equals("adaptive");
    }

    /** The text of a tool result's blocks, after checking it answers a tool use of the previous turn. */
    private static List<String> toolResults(JsonNode content, Set<String> toolUses, String path) {
        List<String> results = new ArrayList<>();
        if (!content.isArray()) {
            return results;
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            if (!"tool_result".equals(block.path("type").asString(""))) {
                continue;
            }
            String id = block.path("tool_use_id").asString("");
            if (!toolUses.contains(id)) {
                throw new InvalidRequest(path + ".content." + j + ": unexpected `tool_use_id` found in `tool_result` "
                        + "blocks: " + id + ". Each `tool_result` block must have a corresponding `tool_use` block in "
                        + "the previous message.");
            }
            JsonNode result = block.path("content");
            results.add(result.isString() ? result.stringValue() : blockText(result, "text"));
        }
        return results;
    }

    private static Set<String> toolUses(JsonNode content) {
        Set<String> ids = new HashSet<>();
        for (JsonNode block : content.isArray() ? content.values() : List.<JsonNode>of()) {
            if ("tool_use".equals(block.path("type").asString(""))) {
                ids.add(block.path("id").asString(""));
            }
        }
        return ids;
    }

    private static void checkThinking(JsonNode content, String path) {
        if (!content.isArray()) {
            return;
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            if ("thinking".equals(block.path("type").asString(""))
                    && !AnthropicIds.signature(block.path("thinking").asString("")).equals(block.path("signature").asString(""))) {
                throw new InvalidRequest(path + ".content." + j + ": Invalid `signature` in `thinking` block");
            }
        }
    }

    /** A string, or the text of a block list: text blocks, tool inputs and tool results, one per line. */
    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            return "";
        }
        var parts = new ArrayList<String>();
        for (JsonNode block : content.values()) {
            switch (block.path("type").asString("")) {
                case "text" -> parts.add(block.path("text").asString(""));
                case "tool_use" -> parts.add(block.path("input").toString());
                case "tool_result" -> parts.add(text(block.path("content")));
                default -> { }
            }
        }
        return String.join("\n", parts);
    }

    /** The text of the blocks of one type (a string counts as text). */
    private static String blockText(JsonNode content, String type) {
        if (content.isString()) {
            return type.equals("text") ? content.stringValue() : "";
        }
        var parts = new ArrayList<String>();
        for (JsonNode block : content.isArray() ? content.values() : List.<JsonNode>of()) {
            if (type.equals(block.path("type").asString(""))) {
                parts.add(block.path("text").asString(""));
            }
        }
        return String.join("\n", parts);
    }
}
