package dev.junction.wire;

import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** Builds the OpenRouter error envelope, for whole responses and for the mid-stream error chunk. */
public final class ErrorBody {
    private ErrorBody() {}

    /** {@code {"code":…,"message":…,"metadata":{…}}} — the inner object; metadata omitted when empty. */
    public static ObjectNode error(int code, String message, Map<String, Object> metadata) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        if (!metadata.isEmpty()) {
            error.set("metadata", Json.MAPPER.valueToTree(metadata));
        }
        return error;
    }

    public static ObjectNode envelope(int code, String message, Map<String, Object> metadata) {
        ObjectNode body = Json.object();
        body.set("error", error(code, message, metadata));
        return body;
    }
}
