package dev.junction.wire;

import tools.jackson.databind.JsonNode;

/** How an error message names what a client sent: "a string", "an array", "true"… */
public final class JsonShapes {
    private JsonShapes() {}

    public static String describe(JsonNode v) {
        if (v.isString()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "true" : "false";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }
}
