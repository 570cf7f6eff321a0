package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * {@code tools} and {@code tool_choice} as Gemini's {@code tools[].functionDeclarations} and
 * {@code toolConfig.functionCallingConfig}. Only function tools exist in Gemini's dialect; OpenRouter's
 * server tools ({@code openrouter:*}, {@code web_search}) are rejected rather than silently ignored.
 * {@code parallel_tool_calls} and a function's {@code strict} have no Gemini equivalent and are dropped.
 */
final class GeminiTools {
    private GeminiTools() {}

    static Optional<ArrayNode> tools(JsonNode tools) {
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode declarations = Json.NODES.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "tools[" + i + "]";
            if (!"function".equals(tool.path("type").asString(""))) {
                throw new GeminiRequestException(path + ".type: only function tools can be sent to Gemini, got '"
                        + tool.path("type").asString("") + "'");
            }
            declarations.add(declaration(tool.path("function"), path + ".function"));
        }
        ArrayNode out = Json.NODES.arrayNode();
        out.addObject().set("functionDeclarations", declarations);
        return Optional.of(out);
    }

    private static ObjectNode declaration(JsonNode function, String path) {
        String name = function.path("name").asString("");
        if (name.isEmpty()) {
            throw new GeminiRequestException(path + ".name: required");
        }
        ObjectNode declaration = Json.object();
        declaration.put("name", name);
        if (function.path("description").isString()) {
            declaration.put("description", function.get("description").asString());
        }
        JsonNode parameters = function.get("parameters");
        if (parameters != null && parameters.isObject()) {
            ObjectNode schema = JsonSchemaToGeminiSchema.convert(parameters, path + ".parameters");
            // Gemini rejects an OBJECT with an empty properties map: a function without parameters has none.
            if (!schema.isEmpty() && !JsonSchemaToGeminiSchema.isEmptyObject(schema)) {
                declaration.set("parameters", schema);
            }
        }
        return declaration;
    }

    /** AUTO, NONE, or ANY (optionally limited to one function); empty when the client left it to the model. */
    static Optional<ObjectNode> toolConfig(JsonNode toolChoice, boolean hasTools) {
        if (toolChoice == null || toolChoice.isNull() || !hasTools) {
            return Optional.empty();
        }
        ObjectNode config = Json.object();
        ObjectNode calling = config.putObject("functionCallingConfig");
        if (toolChoice.isString()) {
            calling.put("mode", switch (toolChoice.asString()) {
                case "auto" -> "AUTO";
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> throw new GeminiRequestException("tool_choice: '" + toolChoice.asString()
                        + "' is not one of auto, none, required");
            });
            return Optional.of(config);
        }
        String name = toolChoice.path("function").path("name").asString("");
        if (!"function".equals(toolChoice.path("type").asString("")) || name.isEmpty()) {
            throw new GeminiRequestException("tool_choice: only auto, none, required or "
                    + "{\"type\":\"function\",\"function\":{\"name\":…}} can be sent to Gemini");
        }
        calling.put("mode", "ANY");
        calling.putArray("allowedFunctionNames").add(name);
        return Optional.of(config);
    }
}
