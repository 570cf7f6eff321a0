package dev.junction.generation;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool calls an answer made, gathered as it went by: from a whole answer's messages, or from a stream's deltas,
 * where a call's name comes first and its arguments in fragments, keyed by choice and call index.
 */
final class ProducedToolCalls {
    /** One tool call: the function named and its arguments as the model wrote them. */
    record Call(String name, String arguments) {}

    private final Map<Long, StringBuilder[]> calls = new LinkedHashMap<>();

    void whole(ObjectNode body) {
        for (JsonNode choice : body.path("choices")) {
            int c = choice.path("index").asInt(0);
            int t = 0;
            for (JsonNode call : choice.path("message").path("tool_calls")) {
                add(c, t++, call.path("function"));
            }
        }
    }

    void chunk(ObjectNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            int c = choice.path("index").asInt(0);
            for (JsonNode call : choice.path("delta").path("tool_calls")) {
                add(c, call.path("index").asInt(0), call.path("function"));
            }
        }
    }

    List<Call> calls() {
        List<Call> out = new ArrayList<>(calls.size());
        calls.values().forEach(parts -> out.add(new Call(parts[0].toString(), parts[1].toString())));
        return out;
    }

    private void add(int choice, int index, JsonNode function) {
        StringBuilder[] parts = calls.computeIfAbsent(((long) choice << 32) | (index & 0xffffffffL),
                k -> new StringBuilder[] {new StringBuilder(), new StringBuilder()});
        parts[0].append(function.path("name").asString(""));
        parts[1].append(function.path("arguments").asString(""));
    }
}
