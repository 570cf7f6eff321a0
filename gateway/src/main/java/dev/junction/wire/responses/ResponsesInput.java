package dev.junction.wire.responses;

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
 * The Responses API's {@code input} (and {@code instructions}) as chat messages. Messages keep their role
 * and parts ({@code input_text}, {@code input_image}, {@code input_file}, {@code input_audio}; an assistant's
 * earlier {@code output_text}); a {@code function_call} joins the assistant message it belongs to as a tool
 * call, a {@code function_call_output} becomes a {@code tool} message for its call, and a {@code reasoning}
 * item goes back onto the assistant message of its turn — the one it precedes, or else the one it follows —
 * with the signatures it carried ({@link ReasoningCarrier}). Junction is stateless, as OpenRouter is: an item that refers to a stored one is
 * refused, as is a file by id.
 */
final class ResponsesInput {
    private final ArrayNode messages = Json.NODES.arrayNode();
    private final Set<String> callIds = new HashSet<>();
    /** The assistant message being assembled from consecutive assistant items. */
    private ObjectNode assistant;
    /** A reasoning item waiting for the assistant message it belongs to. */
    private ObjectNode pendingReasoning;

    private ResponsesInput() {}

    static ArrayNode messages(Optional<JsonNode> instructions, JsonNode input) {
        ResponsesInput translation = new ResponsesInput();
        instructions.ifPresent(translation::instructions);
        if (input.isString()) {
            translation.user(input.asString());
        } else if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                translation.item(input.get(i), "input[" + i + "]");
            }
        } else {
            throw new InvalidRequestException("input: expected a string or an array of items, got " + JsonShapes.describe(input));
        }
        translation.endAssistant();
        if (translation.messages.isEmpty()) {
            throw new InvalidRequestException("input: must contain at least one item");
        }
        return translation.messages;
    }

    private void instructions(JsonNode instructions) {
        if (!instructions.isString()) {
            throw new InvalidRequestException("instructions: expected a string, got " + JsonShapes.describe(instructions));
        }
        messages.addObject().put("role", "system").put("content", instructions.asString());
    }

    private void user(String text) {
        endAssistant();
        messages.addObject().put("role", "user").put("content", text);
    }

    private void item(JsonNode item, String path) {
        if (!item.isObject()) {
            throw new InvalidRequestException(path + ": expected an item object, got " + JsonShapes.describe(item));
        }
        String type = item.has("type") ? text(item, "type", path) : "message"; // EasyInputMessage: {role, content}
        switch (type) {
            case "message" -> message(item, path);
            case "function_call" -> functionCall(item, path);
            case "function_call_output" -> functionCallOutput(item, path);
            case "reasoning" -> reasoning(item, path);
            case "item_reference" -> throw new InvalidRequestException(path + ".type: item_reference is not supported:"
                    + " Junction keeps no responses, as OpenRouter does not; send the items themselves");
            default -> throw new InvalidRequestException(path + ".type: '" + type + "' is not supported (expected"
                    + " message, function_call, function_call_output or reasoning)");
        }
    }

    private void message(JsonNode item, String path) {
        String role = text(item, "role", path);
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) {
            throw new InvalidRequestException(path + ".content: required");
        }
        switch (role) {
            case "assistant" -> assistant(path).put("content", assistantText(content, path + ".content"));
            case "user", "system", "developer" -> {
                endAssistant();
                ObjectNode message = messages.addObject().put("role", role);
                if (content.isString()) {
                    message.put("content", content.asString());
                } else {
                    message.set("content", parts(content, path + ".content"));
                }
            }
            default -> throw new InvalidRequestException(path + ".role: '" + role
                    + "' is not a role (expected user, assistant, system or developer)");
        }
    }

    private ArrayNode parts(JsonNode content, String path) {
        if (!content.isArray()) {
            throw new InvalidRequestException(path + ": expected a string or an array of parts, got " + JsonShapes.describe(content));
        }
        ArrayNode parts = Json.NODES.arrayNode();
        for (int i = 0; i < content.size(); i++) {
            parts.add(ResponsesParts.part(content.get(i), path + "[" + i + "]"));
        }
        return parts;
    }

    /** An earlier answer's text: chat takes an assistant's content as text. */
    private static String assistantText(JsonNode content, String path) {
        if (content.isString()) {
            return content.asString();
        }
        if (!content.isArray()) {
            throw new InvalidRequestException(path + ": expected a string or an array of parts, got " + JsonShapes.describe(content));
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partPath = path + "[" + i + "]";
            String type = text(part, "type", partPath);
            switch (type) {
                case "output_text", "input_text" -> text.append(text(part, "text", partPath));
                case "refusal" -> text.append(text(part, "refusal", partPath));
                default -> throw new InvalidRequestException(partPath + ".type: '" + type
                        + "' cannot be part of an assistant message (expected output_text or refusal)");
            }
        }
        return text.toString();
    }

    private void functionCall(JsonNode item, String path) {
        String callId = text(item, "call_id", path);
        String name = text(item, "name", path);
        JsonNode arguments = item.get("arguments");
        if (arguments == null || !arguments.isString()) {
            throw new InvalidRequestException(path + ".arguments: expected the arguments as a JSON string");
        }
        callIds.add(callId);
        ObjectNode message = assistant(path);
        ArrayNode calls = message.has("tool_calls") ? (ArrayNode) message.get("tool_calls") : message.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("id", callId).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments.asString());
    }

    private void functionCallOutput(JsonNode item, String path) {
        String callId = text(item, "call_id", path);
        if (!callIds.contains(callId)) {
            throw new InvalidRequestException(path + ".call_id: '" + callId + "' matches no function_call earlier"
                    + " in input; Junction keeps no responses, so the call must be sent with its output");
        }
        JsonNode output = item.get("output");
        if (output == null || output.isNull()) {
            throw new InvalidRequestException(path + ".output: required");
        }
        endAssistant();
        ObjectNode message = messages.addObject().put("role", "tool").put("tool_call_id", callId);
        if (output.isString()) {
            message.put("content", output.asString());
        } else {
            message.set("content", parts(output, path + ".output"));
        }
    }

    /** Onto the assistant message being built, or held for the next one (reasoning, then what it led to). */
    private void reasoning(JsonNode item, String path) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {"summary", "content"}) {
            JsonNode parts = item.get(field);
            if (parts != null && parts.isArray() && text.isEmpty()) {
                for (JsonNode part : parts) {
                    text.append(part.path("text").asString(""));
                }
            }
        }
        ObjectNode reasoning = Json.object();
        if (!text.isEmpty()) {
            reasoning.put("reasoning", text.toString());
        }
        JsonNode encrypted = item.get("encrypted_content");
        Optional<ArrayNode> details = encrypted != null && encrypted.isString()
                ? ReasoningCarrier.decode(encrypted.asString()) : Optional.empty();
        if (details.isPresent()) {
            reasoning.set("reasoning_details", details.get());
        } else if (item.path("signature").isString()) {
            // A client that kept only the signature (and format) of a provider's reasoning.
            ObjectNode detail = reasoning.putArray("reasoning_details").addObject()
                    .put("type", "reasoning.text").put("text", text.toString())
                    .put("signature", item.get("signature").asString()).put("index", 0);
            if (item.path("format").isString()) {
                detail.put("format", item.get("format").asString());
            }
        }
        if (assistant != null) {
            addReasoning(assistant, reasoning);
        } else {
            pendingReasoning = reasoning;
        }
    }

    private static void addReasoning(ObjectNode message, ObjectNode reasoning) {
        reasoning.properties().forEach(field -> {
            if (!message.hasNonNull(field.getKey())) {
                message.set(field.getKey(), field.getValue());
            }
        });
    }

    private ObjectNode assistant(String path) {
        if (assistant == null) {
            assistant = messages.addObject().put("role", "assistant");
            assistant.putNull("content");
            if (pendingReasoning != null) {
                addReasoning(assistant, pendingReasoning);
                pendingReasoning = null;
            }
        }
        return assistant;
    }

    /**
     * The assistant turn is over. Reasoning still held came after its turn's answer (a stream's signatures
     * can arrive last): it belongs to the assistant message before it.
     */
    private void endAssistant() {
        assistant = null;
        if (pendingReasoning != null) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).path("role").asString("").equals("assistant")) {
                    addReasoning((ObjectNode) messages.get(i), pendingReasoning);
                    break;
                }
            }
            pendingReasoning = null;
        }
    }

    static String text(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException(path + "." + field + ": required");
        }
        if (!value.isString()) {
            throw new InvalidRequestException(path + "." + field + ": expected a string, got " + JsonShapes.describe(value));
        }
        return value.asString();
    }
}
