package dev.junction.api;

import dev.junction.wire.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON object a management request sends; anything else is a 400. Numbers are kept exact. */
final class JsonBodies {
    private JsonBodies() {}

    static ObjectNode object(byte[] bytes) {
        try {
            JsonNode node = Json.parseExact(bytes);
            if (!(node instanceof ObjectNode object)) {
                throw ApiException.badRequest("Request body must be a JSON object");
            }
            return object;
        } catch (JacksonException e) {
            throw ApiException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        }
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
