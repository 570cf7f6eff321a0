package dev.junction.api;

import dev.junction.wire.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON object a management request sends; anything else is a 400. Numbers are kept exact. */
final class JsonBodies {
    /** The widest scale Jackson writes as a plain decimal. */
    private static final int MAX_PLAIN_SCALE = 9_999;

    private JsonBodies() {}

    static ObjectNode object(byte[] bytes) {
        try {
            JsonNode node = Json.parseExact(bytes);
            if (!(node instanceof ObjectNode object)) {
                throw ApiException.badRequest("Request body must be a JSON object");
            }
            unwritableNumber(object, "").ifPresent(path -> {
                throw ApiException.badRequest(path + ": number out of range");
            });
            return object;
        } catch (JacksonException e) {
            throw ApiException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The path of a number that could be read exactly but not written back: the body is stored and audited as
     * plain decimals, and {@code 1E+2147483647} has two billion digits (Jackson refuses a scale beyond ±9,999).
     */
    private static java.util.Optional<String> unwritableNumber(JsonNode node, String path) {
        if (node.isBigDecimal()) {
            int scale = node.decimalValue().scale();
            return scale < -MAX_PLAIN_SCALE || scale > MAX_PLAIN_SCALE ? java.util.Optional.of(path) : java.util.Optional.empty();
        }
        if (node.isObject()) {
            for (var field : node.properties()) {
                var found = unwritableNumber(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                var found = unwritableNumber(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** {@code {"data": data}}: how the management API answers with one object. */
    static ObjectNode data(ObjectNode data) {
        ObjectNode body = dev.junction.wire.Json.object();
        body.set("data", data);
        return body;
    }

    /** A string field, empty when absent or null; any other type is a 400 naming it. */
    static java.util.Optional<String> text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        if (!value.isString()) {
            throw ApiException.badRequest(field + ": expected a string");
        }
        return java.util.Optional.of(value.asString());
    }

    /** {@code name}: required, a non-empty string of at most 200 characters. */
    static String requiredName(ObjectNode body) {
        JsonNode name = body.get("name");
        if (name == null || name.isNull()) {
            throw ApiException.badRequest("name: required (a non-empty string)");
        }
        return name(name);
    }

    static String name(JsonNode name) {
        if (!name.isString() || name.asString().isBlank()) {
            throw ApiException.badRequest("name: expected a non-empty string");
        }
        if (name.asString().length() > 200) {
            throw ApiException.badRequest("name: at most 200 characters");
        }
        return name.asString();
    }
}
