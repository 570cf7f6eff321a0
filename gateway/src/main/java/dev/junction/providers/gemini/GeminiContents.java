package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI {@code messages} as Gemini's {@code systemInstruction} and {@code contents}.
 * <ul>
 *   <li>{@code system} and {@code developer} messages, wherever they stand, are lifted in order into
 *       {@code systemInstruction} (Gemini has a single one).</li>
 *   <li>{@code user} becomes role {@code user}, {@code assistant} role {@code model}; consecutive contents of
 *       one role are merged, as Gemini expects turns to alternate.</li>
 *   <li>An assistant's {@code tool_calls} become {@code functionCall} parts with the arguments parsed into an
 *       object, its Gemini {@code reasoning_details} put the thought signatures back on the parts that
 *       carried them (see {@link GeminiSignatures}).</li>
 *   <li>{@code tool} messages become {@code functionResponse} parts of a user turn. Gemini needs the function
 *       name, which OpenAI results lack: it is found through {@code tool_call_id} in the assistant messages
 *       (or the tool message's legacy {@code name}). A run of results is put in the order of the calls.</li>
 * </ul>
 */
final class GeminiContents {
    /** What Gemini takes as the conversation. */
    record Conversation(Optional<ObjectNode> systemInstruction, ArrayNode contents) {}

    /** Where an assistant's tool call stands: its function, and its position among the message's calls. */
    private record Call(String name, int position) {}

    private final ArrayNode contents = Json.NODES.arrayNode();
    private final List<String> system = new ArrayList<>();
    private final Map<String, Call> calls = new HashMap<>();

    private GeminiContents() {}

    static Conversation of(JsonNode messages) {
        GeminiContents builder = new GeminiContents();
        builder.indexCalls(messages);
        builder.translate(messages);
        Optional<ObjectNode> systemInstruction = Optional.empty();
        if (!builder.system.isEmpty()) {
            ObjectNode instruction = Json.object();
            ArrayNode parts = instruction.putArray("parts");
            builder.system.forEach(text -> parts.add(GeminiParts.text(text)));
            systemInstruction = Optional.of(instruction);
        }
        return new Conversation(systemInstruction, builder.contents);
    }

    /** A legacy completions {@code prompt} as a single user turn. */
    static Conversation ofPrompt(JsonNode prompt) {
        String text;
        if (prompt != null && prompt.isString()) {
            text = prompt.asString();
        } else if (prompt != null && prompt.isArray() && prompt.size() == 1 && prompt.get(0).isString()) {
            text = prompt.get(0).asString();
        } else {
            throw new GeminiRequestException("prompt: Gemini takes one prompt string (no batches, no token arrays)");
        }
        ArrayNode contents = Json.NODES.arrayNode();
        ObjectNode content = contents.addObject();
        content.put("role", "user");
        content.putArray("parts").add(GeminiParts.text(text));
        return new Conversation(Optional.empty(), contents);
    }

    private void indexCalls(JsonNode messages) {
        for (JsonNode message : messages) {
            JsonNode toolCalls = message.get("tool_calls");
            if (!"assistant".equals(message.path("role").asString("")) || toolCalls == null || !toolCalls.isArray()) {
                continue;
            }
            for (int i = 0; i < toolCalls.size(); i++) {
                JsonNode call = toolCalls.get(i);
                String id = call.path("id").asString("");
                if (!id.isEmpty()) {
                    calls.put(id, new Call(call.path("function").path("name").asString(""), i));
                }
            }
        }
    }

    private void translate(JsonNode messages) {
        List<ObjectNode> results = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String path = "messages[" + i + "]";
            String role = message.path("role").asString("");
            if (!role.equals("tool") && !results.isEmpty()) {
                flushResults(results, positions);
            }
            switch (role) {
                case "system", "developer" -> {
                    String text = GeminiParts.textOf(message.get("content"));
                    if (!text.isEmpty()) {
                        system.add(text);
                    }
                }
                case "user" -> append("user", GeminiParts.of(message.get("content"), path + ".content"));
                case "assistant" -> append("model", modelParts(message, path));
                case "tool" -> {
                    String id = message.path("tool_call_id").asString("");
                    Call call = calls.get(id);
                    String name = call != null && !call.name().isEmpty() ? call.name()
                            : message.path("name").asString("");
                    if (name.isEmpty()) {
                        throw new GeminiRequestException(path + ".tool_call_id: '" + id + "' matches no assistant "
                                + "tool call; Gemini needs the function name of every result");
                    }
                    results.add(functionResponse(id, name, message.get("content")));
                    positions.add(call == null ? Integer.MAX_VALUE : call.position());
                }
                default -> throw new GeminiRequestException(path + ".role: '" + role + "' has no Gemini equivalent");
            }
        }
        if (!results.isEmpty()) {
            flushResults(results, positions);
        }
    }

    private List<ObjectNode> modelParts(JsonNode message, String path) {
        List<ObjectNode> text = new ArrayList<>();
        JsonNode content = message.get("content");
        if (content != null && content.isString()) {
            text.addAll(GeminiParts.of(content, path + ".content"));
        } else if (content != null && content.isArray()) {
            String joined = GeminiParts.textOf(content); // an assistant turn is text; other parts cannot be replayed
            if (!joined.isEmpty()) {
                text.add(GeminiParts.text(joined));
            }
        }
        List<ObjectNode> functionCalls = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (int i = 0; i < toolCalls.size(); i++) {
                JsonNode call = toolCalls.get(i);
                String id = call.path("id").asString("");
                functionCalls.add(functionCall(id, call.path("function"), path + ".tool_calls[" + i + "].function"));
                ids.add(id);
            }
        }
        return GeminiSignatures.restore(message.get("reasoning_details"), text, functionCalls, ids);
    }

    private static ObjectNode functionCall(String id, JsonNode function, String path) {
        String name = function.path("name").asString("");
        if (name.isEmpty()) {
            throw new GeminiRequestException(path + ".name: required");
        }
        String arguments = function.path("arguments").asString("");
        JsonNode args;
        try {
            args = arguments.isBlank() ? Json.object() : Json.parse(arguments);
        } catch (RuntimeException e) {
            throw new GeminiRequestException(path + ".arguments: not valid JSON; Gemini needs the arguments of a "
                    + "function call as a JSON object");
        }
        if (!args.isObject()) {
            throw new GeminiRequestException(path + ".arguments: Gemini needs the arguments of a function call as "
                    + "a JSON object");
        }
        ObjectNode part = Json.object();
        ObjectNode functionCall = part.putObject("functionCall");
        if (GeminiToolCallIds.echoToGemini(id)) {
            functionCall.put("id", id);
        }
        functionCall.put("name", name);
        functionCall.set("args", args);
        return part;
    }

    /**
     * Gemini wants the result as a JSON object: a result that is a JSON object is passed as such, anything
     * else goes under {@code output}, the key Gemini documents for a function's output.
     */
    private static ObjectNode functionResponse(String id, String name, JsonNode content) {
        String text = GeminiParts.textOf(content);
        JsonNode response = null;
        if (text.stripLeading().startsWith("{")) {
            try {
                response = Json.parse(text);
            } catch (RuntimeException e) {
                response = null; // text that merely starts with a brace: send it as text
            }
        }
        if (response == null || !response.isObject()) {
            ObjectNode output = Json.object();
            output.put("output", text);
            response = output;
        }
        ObjectNode part = Json.object();
        ObjectNode functionResponse = part.putObject("functionResponse");
        if (GeminiToolCallIds.echoToGemini(id)) {
            functionResponse.put("id", id);
        }
        functionResponse.put("name", name);
        functionResponse.set("response", response);
        return part;
    }

    private void flushResults(List<ObjectNode> results, List<Integer> positions) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(positions::get)); // stable: unknown positions keep their order
        List<ObjectNode> sorted = new ArrayList<>();
        order.forEach(i -> sorted.add(results.get(i)));
        append("user", sorted);
        results.clear();
        positions.clear();
    }

    private void append(String role, List<ObjectNode> parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        ArrayNode target;
        if (last != null && role.equals(last.path("role").asString(""))) {
            target = (ArrayNode) last.get("parts");
        } else {
            ObjectNode content = contents.addObject();
            content.put("role", role);
            target = content.putArray("parts");
        }
        parts.forEach(target::add);
    }
}
