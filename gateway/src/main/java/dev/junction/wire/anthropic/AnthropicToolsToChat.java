package dev.junction.wire.anthropic;

import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import dev.junction.wire.JsonShapes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages API tools and tool choice as chat completions' — the mirror of the Anthropic provider's
 * {@code OpenAiToAnthropicTools}. A custom tool ({@code name}, {@code description}, {@code input_schema},
 * {@code strict}, {@code cache_control}) becomes a function tool with its schema as {@code parameters}.
 * {@code tool_choice} {@code auto}, {@code any}, {@code tool} and {@code none} become {@code auto},
 * {@code required}, a named function and {@code none}; {@code disable_parallel_tool_use} becomes
 * {@code parallel_tool_calls: false}.
 *
 * <p>Tools with a {@code type} of Anthropic's own — server tools that run on Anthropic's servers (web search, web
 * fetch, code execution) and the tools whose schema is built into Claude (bash, text editor, computer use, memory) —
 * exist for Claude models only, and Junction answers with any model: they are refused, naming the tool.
 */
final class AnthropicToolsToChat {
    private AnthropicToolsToChat() {}

    static ArrayNode tools(JsonNode tools) {
        if (!tools.isArray()) {
            throw new InvalidRequestException("tools: expected an array, got " + JsonShapes.describe(tools));
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            out.add(tool(tools.get(i), "tools." + i));
        }
        return out;
    }

    private static ObjectNode tool(JsonNode tool, String path) {
        if (!tool.isObject()) {
            throw new InvalidRequestException(path + ": expected an object, got " + JsonShapes.describe(tool));
        }
        String type = AnthropicFields.present(tool, "type").map(t -> t.asString("")).orElse("custom");
        if (!type.equals("custom")) {
            throw new InvalidRequestException(path + ".type: '" + type + "' is one of Anthropic's own tools, which run"
                    + " on Anthropic's servers or are built into Claude; Junction serves custom tools (a name and an"
                    + " input_schema) with any model");
        }
        String name = AnthropicFields.text(tool, "name", path);
        if (name.isBlank()) {
            throw new InvalidRequestException(path + ".name: expected the tool's name, got a blank string");
        }
        ObjectNode function = Json.object().put("name", name);
        AnthropicFields.present(tool, "description").ifPresent(d -> function.set("description", d));
        function.set("parameters", AnthropicFields.object(tool, "input_schema", path));
        AnthropicFields.present(tool, "strict").ifPresent(s -> function.set("strict", s));
        ObjectNode out = Json.object().put("type", "function");
        out.set("function", function);
        AnthropicContentToChat.cacheControl(tool, out);
        return out;
    }

    /** {@code tool_choice} into {@code chat}, with {@code parallel_tool_calls} when parallel calls are off. */
    static void toolChoice(JsonNode choice, ObjectNode chat) {
        if (!choice.isObject()) {
            throw new InvalidRequestException("tool_choice: expected an object such as {\"type\":\"auto\"}, got "
                    + JsonShapes.describe(choice));
        }
        String type = AnthropicFields.text(choice, "type", "tool_choice");
        switch (type) {
            case "auto" -> chat.put("tool_choice", "auto");
            case "any" -> chat.put("tool_choice", "required");
            case "none" -> chat.put("tool_choice", "none");
            case "tool" -> {
                ObjectNode named = chat.putObject("tool_choice").put("type", "function");
                named.putObject("function").put("name", AnthropicFields.text(choice, "name", "tool_choice"));
            }
            default -> throw new InvalidRequestException("tool_choice.type: expected auto, any, tool or none, got '"
                    + type + "'");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            chat.put("parallel_tool_calls", false);
        }
    }
}
