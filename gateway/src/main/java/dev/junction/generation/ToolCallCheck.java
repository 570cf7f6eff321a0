package dev.junction.generation;

import dev.junction.wire.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Whether a tool call is one the request could use: it names a function among the request's {@code tools}, and its
 * arguments are a JSON object that matches the function's {@code parameters} schema. The schema check covers what
 * models get wrong — {@code type}, {@code required}, {@code properties}, {@code additionalProperties},
 * {@code enum}/{@code const}, {@code items}, {@code anyOf}/{@code oneOf}/{@code allOf} — and accepts what it does
 * not evaluate (formats, patterns, bounds, {@code $ref}). The record it feeds ranks endpoints for {@code :exacto}.
 */
final class ToolCallCheck {
    private static final int MAX_DEPTH = 32;

    private ToolCallCheck() {}

    /** {valid, invalid} among {@code calls}. */
    static int[] count(List<ProducedToolCalls.Call> calls, JsonNode tools) {
        int[] counts = new int[2];
        for (ProducedToolCalls.Call call : calls) {
            counts[valid(call, tools) ? 0 : 1]++;
        }
        return counts;
    }

    static boolean valid(ProducedToolCalls.Call call, JsonNode tools) {
        JsonNode schema = null;
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            if (call.name().equals(function.path("name").asString(null))) {
                schema = function.path("parameters");
                break;
            }
        }
        if (schema == null) {
            return false;
        }
        JsonNode arguments;
        try {
            arguments = Json.parse(call.arguments().isBlank() ? "{}" : call.arguments());
        } catch (JacksonException e) {
            return false;
        }
        return arguments.isObject() && matches(arguments, schema, 0);
    }

    static boolean matches(JsonNode value, JsonNode schema, int depth) {
        if (!schema.isObject() || depth > MAX_DEPTH) {
            return true;
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(value, type)) {
            return false;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
            return false;
        }
        if (schema.has("const") && !sameValue(schema.get("const"), value)) {
            return false;
        }
        if (value.isObject() && !objectMatches(value, schema, depth)) {
            return false;
        }
        if (value.isArray() && schema.get("items") instanceof JsonNode items && items.isObject()) {
            for (JsonNode item : value) {
                if (!matches(item, items, depth + 1)) {
                    return false;
                }
            }
        }
        for (String combinator : new String[] {"anyOf", "oneOf"}) {
            JsonNode options = schema.get(combinator);
            if (options != null && options.isArray() && !options.isEmpty()) {
                boolean any = false;
                for (JsonNode option : options) {
                    any |= matches(value, option, depth + 1);
                }
                if (!any) {
                    return false;
                }
            }
        }
        for (JsonNode part : schema.path("allOf")) {
            if (!matches(value, part, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean objectMatches(JsonNode value, JsonNode schema, int depth) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asString(""))) {
                return false;
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode property = properties.get(field.getKey());
            if (property != null) {
                if (!matches(field.getValue(), property, depth + 1)) {
                    return false;
                }
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                return false;
            } else if (additional != null && additional.isObject() && !matches(field.getValue(), additional, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(value, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asString("")) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (sameValue(option, value)) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality, with numbers compared by value ({@code 1} equals {@code 1.0}). */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
