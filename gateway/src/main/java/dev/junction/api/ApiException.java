package dev.junction.api;

import java.util.Map;

/**
 * An error the client sees, rendered in OpenRouter's envelope
 * {@code {"error":{"code":<status>,"message":"…","metadata":{…}}}}. Thrown from anywhere on the request
 * path; the route table turns it into a response. Metadata values must be JSON-serialisable
 * (strings, numbers, booleans, maps, lists, JsonNodes).
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> metadata;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of(), Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> metadata) {
        this(status, message, metadata, Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> metadata, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.metadata = Map.copyOf(metadata);
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    /** Extra response headers, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
