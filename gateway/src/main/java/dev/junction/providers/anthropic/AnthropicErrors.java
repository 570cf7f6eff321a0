package dev.junction.providers.anthropic;

import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Anthropic's error shape, {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},
 * "request_id":"req_…"}}, sent with an HTTP status (400 invalid_request_error, 401 authentication_error,
 * 403 permission_error, 404 not_found_error, 413 request_too_large, 429 rate_limit_error, 500 api_error,
 * 529 overloaded_error) or as an {@code error} event inside a stream that already answered 200.
 */
final class AnthropicErrors {
    private AnthropicErrors() {}

    /** An HTTP failure with Anthropic's error type named in its message; status, body and Retry-After are kept. */
    static UpstreamFailure describe(UpstreamFailure failure) {
        if (failure.kind() != UpstreamFailure.Kind.HTTP_STATUS || failure.upstreamBody().isEmpty()) {
            return failure;
        }
        return typeAndMessage(failure.upstreamBody().get())
                .map(detail -> new UpstreamFailure(failure.kind(), failure.providerName(), failure.status(),
                        failure.providerName() + " returned HTTP " + failure.status() + ": " + detail,
                        failure.upstreamBody(), failure.retryAfter()))
                .orElse(failure);
    }

    /** The {@code error} event of a stream: the upstream failed after it had started answering. */
    static UpstreamFailure streamError(String providerName, JsonNode event) {
        String text = Json.text(event);
        String detail = typeAndMessage(event).map(d -> ": " + d).orElse("");
        return new UpstreamFailure(UpstreamFailure.Kind.STREAM_ERROR, providerName, 0,
                providerName + " reported an error mid-stream" + detail, Optional.of(text), Optional.empty());
    }

    /** A 200 answer whose body is an error object anyway. */
    static UpstreamFailure errorBody(String providerName, JsonNode body) {
        String detail = typeAndMessage(body).orElse("an error");
        return new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, providerName, 502,
                providerName + " answered with " + detail, Optional.of(Json.text(body)), Optional.empty());
    }

    private static Optional<String> typeAndMessage(String body) {
        try {
            return typeAndMessage(Json.parse(body));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** "overloaded_error: Overloaded", from an error body or event. */
    private static Optional<String> typeAndMessage(JsonNode body) {
        JsonNode error = body.path("error");
        String type = error.path("type").asString("");
        String message = error.path("message").asString("");
        if (type.isEmpty() && message.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message);
    }
}
