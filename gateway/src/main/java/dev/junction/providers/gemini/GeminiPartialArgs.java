package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of one function call that Gemini streams in pieces ({@code functionCall.partialArgs}, as
 * Gemini 3 sends them when arguments are streamed): each piece names a value by a JSON path (RFC 9535's
 * normalized form, e.g. {@code $.recipe.ingredients[0].name}) and carries it as {@code stringValue},
 * {@code numberValue}, {@code boolValue} or {@code nullValue}. A string piece whose {@code willContinue} is
 * true is continued by the next piece for the same path, so the two are concatenated; any other piece sets
 * the value. Collected into one JSON object, which becomes the OpenAI call's {@code arguments}.
 */
final class GeminiPartialArgs {
    /** Indexes beyond this are refused: an index far past the end would make a huge array of nulls. */
    private static final int MAX_INDEX = 4096;
    private final ObjectNode arguments = Json.object();
    private String continuingPath;

    /** Starts from the call's own {@code args}, when it carries some besides its pieces. */
    void merge(JsonNode args) {
        if (args instanceof ObjectNode object) {
            arguments.setAll(object);
        }
    }

    /** Applies the pieces of one {@code partialArgs} list in order; a piece with an unreadable path is dropped. */
    void apply(JsonNode partialArgs) {
        for (JsonNode piece : partialArgs) {
            String path = piece.path("jsonPath").asString("");
            Optional<List<Object>> steps = steps(path);
            if (steps.isEmpty() || steps.get().isEmpty()) {
                continuingPath = null;
                continue;
            }
            JsonNode value = value(piece);
            boolean continues = path.equals(continuingPath);
            set(steps.get(), value, continues);
            continuingPath = piece.path("willContinue").asBoolean(false) && value.isString() ? path : null;
        }
    }

    /** The arguments so far, as the JSON text of an OpenAI tool call. */
    String json() {
        return Json.text(arguments);
    }

    private static JsonNode value(JsonNode piece) {
        if (piece.has("stringValue")) {
            return Json.NODES.stringNode(piece.path("stringValue").asString(""));
        }
        if (piece.has("numberValue")) {
            return piece.get("numberValue");
        }
        if (piece.has("boolValue")) {
            return Json.NODES.booleanNode(piece.path("boolValue").asBoolean(false));
        }
        return Json.NODES.nullNode(); // nullValue, or a piece with no value at all
    }

    /** Walks (creating as needed) to the parent of the last step and sets, or extends, the value there. */
    private void set(List<Object> steps, JsonNode value, boolean continues) {
        JsonNode node = arguments;
        for (int i = 0; i < steps.size() - 1; i++) {
            node = child(node, steps.get(i), steps.get(i + 1) instanceof Integer);
            if (node == null) {
                return; // the path crosses a value of another shape: not ours to overwrite
            }
        }
        Object last = steps.getLast();
        JsonNode existing = get(node, last);
        if (continues && existing != null && existing.isString() && value.isString()) {
            value = Json.NODES.stringNode(existing.asString() + value.asString());
        }
        put(node, last, value);
    }

    private static JsonNode child(JsonNode node, Object step, boolean wantArray) {
        JsonNode existing = get(node, step);
        if (existing != null && (wantArray ? existing.isArray() : existing.isObject())) {
            return existing;
        }
        if (existing != null && !existing.isNull()) {
            return null;
        }
        JsonNode created = wantArray ? Json.NODES.arrayNode() : Json.object();
        return put(node, step, created) ? created : null;
    }

    private static JsonNode get(JsonNode node, Object step) {
        if (step instanceof Integer index) {
            return node.isArray() && index < node.size() ? node.get(index) : null;
        }
        return node.isObject() ? node.get((String) step) : null;
    }

    private static boolean put(JsonNode node, Object step, JsonNode value) {
        if (step instanceof Integer index && node instanceof ArrayNode array) {
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
            return true;
        }
        if (step instanceof String name && node instanceof ObjectNode object) {
            object.set(name, value);
            return true;
        }
        return false;
    }

    /**
     * The steps of a normalized JSON path: names ({@code .name}, {@code ['name']}) as strings and indexes
     * ({@code [0]}) as integers; the leading {@code $} may be missing. Empty when the path cannot be read.
     */
    static Optional<List<Object>> steps(String path) {
        List<Object> steps = new ArrayList<>();
        int i = path.startsWith("$") ? 1 : 0;
        if (i == 0 && !path.isEmpty() && path.charAt(0) != '.' && path.charAt(0) != '[') {
            path = "." + path; // a bare member name, as some streams send
        }
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    return Optional.empty();
                }
                steps.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    return Optional.empty();
                }
                String inside = path.substring(i + 1, end);
                if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
                        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
                    // A quoted name may itself hold ']' : find the closing quote and bracket together.
                    char quote = inside.charAt(0);
                    int close = path.indexOf(quote + "]", i + 2);
                    if (close < 0) {
                        return Optional.empty();
                    }
                    steps.add(path.substring(i + 2, close).replace("\\" + quote, String.valueOf(quote)));
                    i = close + 2;
                } else {
                    try {
                        int index = Integer.parseInt(inside);
                        if (index < 0 || index > MAX_INDEX) {
                            return Optional.empty();
                        }
                        steps.add(index);
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                    i = end + 1;
                }
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(steps);
    }
}
