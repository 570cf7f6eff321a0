package dev.junction.wire.anthropic;

import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.JsonShapes;
import tools.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Reading a Messages API request's fields, with a 400 that names the field the way Anthropic's API does
 * ({@code messages.1.content.0.source.data}) for what is missing or of the wrong type. A JSON {@code null} counts
 * as absent.
 */
final class AnthropicFields {
    private AnthropicFields() {}

    /** {@code path.field}, or {@code field} at the top level. */
    static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static Optional<JsonNode> present(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    static JsonNode required(JsonNode object, String field, String path) {
        return present(object, field).orElseThrow(() -> new InvalidRequestException(at(path, field) + ": Field required"));
    }

    static String text(JsonNode object, String field, String path) {
        JsonNode value = required(object, field, path);
        if (!value.isString()) {
            throw new InvalidRequestException(at(path, field) + ": expected a string, got " + JsonShapes.describe(value));
        }
        return value.asString();
    }

    static JsonNode object(JsonNode object, String field, String path) {
        JsonNode value = required(object, field, path);
        if (!value.isObject()) {
            throw new InvalidRequestException(at(path, field) + ": expected an object, got " + JsonShapes.describe(value));
        }
        return value;
    }

    static JsonNode array(JsonNode object, String field, String path) {
        JsonNode value = required(object, field, path);
        if (!value.isArray()) {
            throw new InvalidRequestException(at(path, field) + ": expected an array, got " + JsonShapes.describe(value));
        }
        return value;
    }

    /** A content block's {@code type}, required. */
    static String type(JsonNode block, String path) {
        if (!block.isObject()) {
            throw new InvalidRequestException(path + ": expected a content block object, got " + JsonShapes.describe(block));
        }
        return text(block, "type", path);
    }
}
