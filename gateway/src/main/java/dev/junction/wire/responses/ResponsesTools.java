package dev.junction.wire.responses;

import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import dev.junction.wire.JsonShapes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * The Responses API's tools and tool choice as chat completions': its flat function tools
 * ({@code {type, name, description, parameters, strict}}) become {@code {type, function: {…}}}. Hosted
 * tools (web search, file search, code interpreter, computer use, MCP…) run on OpenAI's servers, which a
 * gateway in front of any model does not have: they are refused by name.
 */
final class ResponsesTools {
    private static final Set<String> CHOICES = Set.of("auto", "none", "required");

    private ResponsesTools() {}

    static ArrayNode tools(JsonNode tools) {
        if (!tools.isArray()) {
            throw new InvalidRequestException("tools: expected an array, got " + JsonShapes.describe(tools));
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) {
                throw new InvalidRequestException(path + ": expected an object, got " + JsonShapes.describe(tool));
            }
            String type = tool.path("type").asString("");
            if (!type.equals("function")) {
                throw new InvalidRequestException(path + ".type: '" + type + "' is not supported: Junction serves"
                        + " function tools; hosted tools run on OpenAI's own servers");
            }
            JsonNode name = tool.get("name");
            if (name == null || !name.isString() || name.asString().isBlank()) {
                throw new InvalidRequestException(path + ".name: required (the function's name)");
            }
            ObjectNode function = out.addObject().put("type", "function").putObject("function");
            function.put("name", name.asString());
            copy(tool, function, "description");
            copy(tool, function, "parameters");
            copy(tool, function, "strict");
        }
        return out;
    }

    static JsonNode toolChoice(JsonNode choice) {
        if (choice.isString()) {
            if (!CHOICES.contains(choice.asString())) {
                throw new InvalidRequestException("tool_choice: expected auto, none, required or"
                        + " {\"type\":\"function\",\"name\":…}, got '" + choice.asString() + "'");
            }
            return choice;
        }
        if (choice.isObject() && choice.path("type").asString("").equals("function")
                && choice.path("name").isString()) {
            ObjectNode out = Json.object().put("type", "function");
            out.putObject("function").put("name", choice.get("name").asString());
            return out;
        }
        if (choice.isObject() && CHOICES.contains(choice.path("mode").asString(""))) {
            return Json.NODES.stringNode(choice.get("mode").asString()); // {type: allowed_tools, mode}
        }
        throw new InvalidRequestException("tool_choice: expected auto, none, required or"
                + " {\"type\":\"function\",\"name\":…}, got " + JsonShapes.describe(choice));
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(field, value);
        }
    }
}
