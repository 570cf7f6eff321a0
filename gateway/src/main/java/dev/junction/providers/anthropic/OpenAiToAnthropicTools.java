package dev.junction.providers.anthropic;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools} and {@code tool_choice} as Anthropic's. A function's {@code parameters} become its
 * {@code input_schema} (an empty object schema when absent: Anthropic requires one), {@code strict} and the
 * tool's {@code cache_control} pass through. OpenRouter server tools ({@code openrouter:web_search}, …) have no
 * Anthropic counterpart here and are left out. Native web search — the canonical {@code web_search_options} the
 * gateway's web search step writes — is Claude's server-side web search tool, bounded by {@code max_uses}.
 */
final class OpenAiToAnthropicTools {
    /** The version of Claude's web search tool sent. */
    static final String WEB_SEARCH_TOOL = "web_search_20250305";

    private OpenAiToAnthropicTools() {}

    static void apply(ObjectNode client, ObjectNode out) {
        ArrayNode tools = Json.NODES.arrayNode();
        JsonNode clientTools = client.get("tools");
        if (clientTools != null && clientTools.isArray()) {
            for (JsonNode tool : clientTools) {
                if ("function".equals(tool.path("type").asString("")) && tool.path("function").isObject()) {
                    tools.add(tool(tool));
                }
            }
        }
        if (client.get("web_search_options") instanceof ObjectNode search) {
            ObjectNode tool = tools.addObject();
            tool.put("type", WEB_SEARCH_TOOL);
            tool.put("name", "web_search");
            if (search.path("max_uses").canConvertToInt()) {
                tool.put("max_uses", Math.max(1, search.path("max_uses").asInt()));
            }
        }
        if (tools.isEmpty()) {
            return; // a tool_choice without tools is an error upstream, and means nothing anyway
        }
        out.set("tools", tools);
        boolean parallel = client.path("parallel_tool_calls").asBoolean(true);
        JsonNode choice = client.get("tool_choice");
        ObjectNode anthropicChoice = Json.object();
        if (choice == null || choice.isNull()) {
            if (parallel) {
                return;
            }
            anthropicChoice.put("type", "auto");
        } else if (choice.isString()) {
            anthropicChoice.put("type", switch (choice.asString()) {
                case "none" -> "none";
                case "required" -> "any";
                default -> "auto";
            });
        } else {
            String name = choice.path("function").path("name").asString("");
            if (name.isEmpty()) {
                anthropicChoice.put("type", "auto");
            } else {
                anthropicChoice.put("type", "tool");
                anthropicChoice.put("name", name);
            }
        }
        if (!parallel && !anthropicChoice.path("type").asString("").equals("none")) {
            anthropicChoice.put("disable_parallel_tool_use", true);
        }
        out.set("tool_choice", anthropicChoice);
    }

    private static ObjectNode tool(JsonNode tool) {
        JsonNode function = tool.get("function");
        ObjectNode out = Json.object();
        out.put("name", function.path("name").asString(""));
        JsonNode description = function.get("description");
        if (description != null && description.isString()) {
            out.put("description", description.asString());
        }
        JsonNode parameters = function.get("parameters");
        if (parameters != null && parameters.isObject()) {
            out.set("input_schema", parameters.deepCopy());
        } else {
            ObjectNode schema = out.putObject("input_schema");
            schema.put("type", "object");
            schema.putObject("properties");
        }
        if (function.path("strict").asBoolean(false)) {
            out.put("strict", true);
        }
        OpenAiToAnthropicContent.copyCacheControl(tool, out);
        return out;
    }
}
