package dev.junction.providers.gemini;

import dev.junction.catalog.Endpoint;
import dev.junction.wire.ApiKind;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Builds the body of a Gemini {@code generateContent} / {@code streamGenerateContent} request from the
 * client's OpenRouter-dialect body. Pure: the client's tree is read, never changed. Unlike the OpenAI
 * dialect, nothing unknown passes through: Gemini rejects every field it does not define. The model goes in
 * the URL, streaming is the endpoint's choice, and usage always comes back, so {@code model},
 * {@code stream} and {@code stream_options} have no body field. Fields the operator listed in
 * {@code drop-fields} are ignored as if the client had not sent them.
 *
 * @see GeminiContents for messages, tool calls and results
 * @see GeminiTools for tools and tool choice
 * @see GeminiGenerationConfig for sampling, output format and reasoning
 */
final class OpenAiToGeminiRequest {
    private OpenAiToGeminiRequest() {}

    /** @throws GeminiRequestException when the request cannot be expressed in Gemini's dialect */
    static ObjectNode build(ObjectNode client, Endpoint endpoint, ApiKind api) {
        JsonNode body = withoutDropped(client, endpoint.provider().dropFields());
        GeminiContents.Conversation conversation = api == ApiKind.CHAT
                ? GeminiContents.of(body.path("messages"))
                : GeminiContents.ofPrompt(body.get("prompt"));
        if (conversation.contents().isEmpty()) {
            throw new GeminiRequestException("messages: Gemini needs at least one user or assistant message with "
                    + "content");
        }
        ObjectNode out = Json.object();
        out.set("contents", conversation.contents());
        conversation.systemInstruction().ifPresent(system -> out.set("systemInstruction", system));
        if (api == ApiKind.CHAT) {
            var tools = GeminiTools.tools(body.get("tools"));
            if (body.get("web_search_options") instanceof ObjectNode) {
                // Native web search: grounding with Google Search, a tool of its own beside any functions.
                tools = Optional.of(tools.orElseGet(Json.NODES::arrayNode));
                tools.get().addObject().putObject("googleSearch");
            }
            tools.ifPresent(t -> out.set("tools", t));
            GeminiTools.toolConfig(body.get("tool_choice"), tools.isPresent())
                    .ifPresent(config -> out.set("toolConfig", config));
        }
        GeminiGenerationConfig.of(body, endpoint.upstreamModel()).ifPresent(config -> out.set("generationConfig", config));
        return out;
    }

    private static JsonNode withoutDropped(ObjectNode client, List<String> dropped) {
        if (dropped.isEmpty()) {
            return client;
        }
        ObjectNode view = client.objectNode(); // shallow: the children are shared, never modified
        for (Map.Entry<String, JsonNode> field : client.properties()) {
            if (!dropped.contains(field.getKey())) {
                view.set(field.getKey(), field.getValue());
            }
        }
        return view;
    }
}
