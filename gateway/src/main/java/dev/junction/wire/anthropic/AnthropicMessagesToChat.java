package dev.junction.wire.anthropic;

import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import dev.junction.wire.JsonShapes;
import dev.junction.wire.ReasoningCarrier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A Messages API conversation — {@code system} and {@code messages} — as chat messages: the mirror of the
 * Anthropic provider's {@code OpenAiToAnthropicMessages}, so that what a Claude endpoint gets back is what the
 * client sent.
 *
 * <ul>
 *   <li>{@code system} becomes a system message: a string, or text parts keeping their {@code cache_control}.</li>
 *   <li>A user turn's {@code tool_result} blocks become {@code tool} messages, first and in order (their
 *       {@code cache_control} on the last part of their content, {@code is_error} kept on the message), and its other
 *       blocks one user message ({@link AnthropicContentToChat}). Each result must answer a {@code tool_use} of the
 *       assistant turn just before, as Anthropic requires.</li>
 *   <li>An assistant turn's {@code tool_use} blocks become {@code tool_calls} (input as a JSON string; a
 *       {@code cache_control} on the call), its text the content, and its {@code thinking} and
 *       {@code redacted_thinking} blocks {@code reasoning_details} in Claude's format — with their signatures, which a
 *       Claude endpoint needs back — and the thinking text as {@code reasoning}. A thinking block whose signature is
 *       Junction's ({@link ReasoningCarrier}) gives back another provider's details.</li>
 * </ul>
 * Server-tool blocks (an earlier turn's web search, code execution…) are refused: Junction offers no server tools.
 */
final class AnthropicMessagesToChat {
    private final ArrayNode out = Json.NODES.arrayNode();
    /** The ids of the previous assistant turn's tool calls: what this user turn's tool results may answer. */
    private Set<String> openCalls = Set.of();

    private AnthropicMessagesToChat() {}

    static ArrayNode messages(Optional<JsonNode> system, JsonNode messages) {
        AnthropicMessagesToChat translation = new AnthropicMessagesToChat();
        system.ifPresent(translation::system);
        if (!messages.isArray()) {
            throw new InvalidRequestException("messages: expected an array, got " + JsonShapes.describe(messages));
        }
        if (messages.isEmpty()) {
            throw new InvalidRequestException("messages: at least one message is required");
        }
        for (int i = 0; i < messages.size(); i++) {
            translation.message(messages.get(i), "messages." + i);
        }
        return translation.out;
    }

    private void system(JsonNode system) {
        if (system.isString()) {
            if (!system.asString().isEmpty()) {
                out.addObject().put("role", "system").put("content", system.asString());
            }
            return;
        }
        if (!system.isArray()) {
            throw new InvalidRequestException("system: expected a string or an array of text blocks, got "
                    + JsonShapes.describe(system));
        }
        ArrayNode parts = Json.NODES.arrayNode();
        for (int i = 0; i < system.size(); i++) {
            String path = "system." + i;
            JsonNode block = system.get(i);
            String type = AnthropicFields.type(block, path);
            if (!type.equals("text")) {
                throw new InvalidRequestException(path + ".type: expected text, got '" + type + "'");
            }
            parts.add(AnthropicContentToChat.part(block, path));
        }
        if (!parts.isEmpty()) {
            out.addObject().put("role", "system").set("content", parts);
        }
    }

    private void message(JsonNode message, String path) {
        if (!message.isObject()) {
            throw new InvalidRequestException(path + ": expected an object, got " + JsonShapes.describe(message));
        }
        String role = AnthropicFields.text(message, "role", path);
        JsonNode content = AnthropicFields.required(message, "content", path);
        if (!content.isString() && !content.isArray()) {
            throw new InvalidRequestException(path + ".content: expected a string or an array of content blocks, got "
                    + JsonShapes.describe(content));
        }
        switch (role) {
            case "user" -> user(content, path + ".content");
            case "assistant" -> assistant(content, path + ".content");
            default -> throw new InvalidRequestException(path + ".role: expected 'user' or 'assistant', got '" + role + "'");
        }
    }

    private void user(JsonNode content, String path) {
        Set<String> answerable = openCalls;
        openCalls = Set.of();
        if (content.isString()) {
            out.addObject().put("role", "user").put("content", content.asString());
            return;
        }
        if (content.isEmpty()) {
            throw new InvalidRequestException(path + ": a user message needs at least one content block");
        }
        ArrayNode parts = Json.NODES.arrayNode();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String blockPath = path + "." + j;
            if (AnthropicFields.type(block, blockPath).equals("tool_result")) {
                out.add(toolResult(block, blockPath, answerable));
            } else {
                parts.add(AnthropicContentToChat.part(block, blockPath));
            }
        }
        if (!parts.isEmpty()) {
            out.addObject().put("role", "user").set("content", parts);
        }
    }

    private static ObjectNode toolResult(JsonNode block, String path, Set<String> answerable) {
        String id = AnthropicFields.text(block, "tool_use_id", path);
        if (!answerable.contains(id)) {
            throw new InvalidRequestException(path + ".tool_use_id: '" + id + "' answers no tool_use block of the"
                    + " assistant message just before it");
        }
        ObjectNode message = Json.object().put("role", "tool").put("tool_call_id", id);
        JsonNode content = AnthropicFields.present(block, "content").orElse(Json.NODES.stringNode(""));
        boolean cached = block.path("cache_control").isObject();
        if (content.isString() && !cached) {
            message.put("content", content.asString());
        } else if (content.isString()) {
            // The breakpoint goes on the content's last part: where OpenRouter's chat dialect (and an upstream
            // that speaks it) reads one, and for Claude the same place in the prompt as the block's end.
            ObjectNode part = AnthropicContentToChat.text(content.asString());
            AnthropicContentToChat.cacheControl(block, part);
            message.putArray("content").add(part);
        } else if (content.isArray()) {
            ArrayNode parts = message.putArray("content");
            for (int k = 0; k < content.size(); k++) {
                parts.add(AnthropicContentToChat.part(content.get(k), path + ".content." + k));
            }
            if (cached && !parts.isEmpty()) {
                AnthropicContentToChat.cacheControl(block, (ObjectNode) parts.get(parts.size() - 1));
            }
        } else {
            throw new InvalidRequestException(path + ".content: expected a string or an array of content blocks, got "
                    + JsonShapes.describe(content));
        }
        if (block.path("is_error").asBoolean(false)) {
            message.put("is_error", true);
        }
        return message;
    }

    private void assistant(JsonNode content, String path) {
        ObjectNode message = out.addObject().put("role", "assistant");
        if (content.isString()) {
            message.put("content", content.asString());
            openCalls = Set.of();
            return;
        }
        ArrayNode text = Json.NODES.arrayNode();
        ArrayNode calls = Json.NODES.arrayNode();
        ArrayNode details = Json.NODES.arrayNode();
        StringBuilder reasoning = new StringBuilder();
        Set<String> ids = new HashSet<>();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String blockPath = path + "." + j;
            String type = AnthropicFields.type(block, blockPath);
            switch (type) {
                case "text" -> text.add(AnthropicContentToChat.part(block, blockPath));
                case "tool_use" -> {
                    ObjectNode call = toolCall(block, blockPath);
                    ids.add(call.get("id").asString());
                    calls.add(call);
                }
                case "thinking" -> thinking(block, blockPath, details, reasoning);
                case "redacted_thinking" -> details.add(ReasoningDetails.encrypted(details.size(),
                        AnthropicFields.text(block, "data", blockPath)));
                default -> throw new InvalidRequestException(blockPath + ".type: '" + type + "' is not supported in an"
                        + " assistant message (expected text, tool_use, thinking or redacted_thinking; Junction offers no"
                        + " server tools)");
            }
        }
        message.set("content", assistantText(text));
        if (!reasoning.isEmpty()) {
            message.put("reasoning", reasoning.toString());
        }
        if (!details.isEmpty()) {
            message.set("reasoning_details", details);
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        openCalls = ids;
    }

    /** One plain text block is a string, as chat clients write it; several, or a cached one, stay parts. */
    private static JsonNode assistantText(ArrayNode parts) {
        if (parts.isEmpty()) {
            return Json.NODES.nullNode();
        }
        if (parts.size() == 1 && !parts.get(0).has("cache_control")) {
            return parts.get(0).get("text");
        }
        return parts;
    }

    private static ObjectNode toolCall(JsonNode block, String path) {
        JsonNode input = AnthropicFields.object(block, "input", path);
        ObjectNode call = Json.object().put("id", AnthropicFields.text(block, "id", path)).put("type", "function");
        call.putObject("function").put("name", AnthropicFields.text(block, "name", path)).put("arguments", Json.text(input));
        AnthropicContentToChat.cacheControl(block, call);
        return call;
    }

    /**
     * A signed thinking block as Claude's detail. One without a signature was another model's reasoning, shown as
     * thinking: its text goes back as reasoning, without claiming to be Claude's.
     */
    private static void thinking(JsonNode block, String path, ArrayNode details, StringBuilder reasoning) {
        String thinking = AnthropicFields.text(block, "thinking", path);
        String signature = AnthropicFields.present(block, "signature").map(s -> s.asString("")).orElse("");
        reasoning.append(thinking);
        Optional<ArrayNode> carried = ReasoningCarrier.decode(signature);
        if (carried.isPresent()) {
            carried.get().forEach(details::add);
        } else if (!signature.isEmpty()) {
            details.add(ReasoningDetails.text(details.size(), thinking, signature));
        }
    }
}
