package dev.junction.wire;

import tools.jackson.databind.JsonNode;

/**
 * Measures the text a response or chunk carries — content, reasoning, tool-call arguments, legacy
 * completion text — so usage can be estimated when an upstream reports none, or a cancelled stream
 * billed for what it produced.
 */
public final class ProducedText {
    private ProducedText() {}

    public static long chars(JsonNode payload) {
        JsonNode choices = payload.get("choices");
        if (choices == null || !choices.isArray()) {
            return 0;
        }
        long chars = 0;
        for (JsonNode choice : choices) {
            chars += length(choice.get("text"));
            JsonNode message = choice.has("delta") ? choice.get("delta") : choice.get("message");
            if (message == null || !message.isObject()) {
                continue;
            }
            chars += length(message.get("content")) + length(message.get("reasoning"));
            JsonNode toolCalls = message.get("tool_calls");
            if (toolCalls != null && toolCalls.isArray()) {
                for (JsonNode call : toolCalls) {
                    chars += length(call.path("function").get("arguments")) + length(call.path("function").get("name"));
                }
            }
        }
        return chars;
    }

    private static long length(JsonNode text) {
        return text != null && text.isString() ? text.asString().length() : 0;
    }
}
