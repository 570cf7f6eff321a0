package dev.junction.sim.gemini;

import dev.junction.sim.SimScript;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.ScriptedResponder;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * Google's error envelope {@code {"error":{"code","message","status","details"?}}} and what the Gemini API
 * says for each status. A script's {@code error_message} replaces the message and {@code error_type} the
 * {@code status} string; a 429 carries a {@code RetryInfo} detail (Google's back-off, seconds from
 * {@code retry_after}, else 30), as the real API does instead of a {@code Retry-After} header.
 */
final class GeminiErrors {
    private GeminiErrors() {
    }

    /** One error, fully resolved. */
    record ApiError(int code, String message, String status, Optional<String> retryDelay, Optional<String> reason) {
    }

    static Buffer body(ApiError error) {
        return Json.buffer(g -> {
            g.writeStartObject();
            g.writeName("error");
            write(g, error);
            g.writeEndObject();
        });
    }

    /** The event Gemini sends when a stream fails after it started. */
    static Buffer streamEvent(ApiError error, boolean sse) {
        Buffer json = body(error);
        return sse ? Buffer.buffer("data: ").appendBuffer(json).appendString("\r\n\r\n")
                : Buffer.buffer(",\r\n").appendBuffer(json).appendString("]");
    }

    private static void write(JsonGenerator g, ApiError error) {
        g.writeStartObject();
        g.writeNumberProperty("code", error.code());
        g.writeStringProperty("message", error.message());
        g.writeStringProperty("status", error.status());
        if (error.retryDelay().isPresent() || error.reason().isPresent()) {
            g.writeArrayPropertyStart("details");
            error.reason().ifPresent(reason -> {
                g.writeStartObject();
                g.writeStringProperty("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                g.writeStringProperty("reason", reason);
                g.writeStringProperty("domain", "googleapis.com");
                g.writeEndObject();
            });
            error.retryDelay().ifPresent(delay -> {
                g.writeStartObject();
                g.writeStringProperty("@type", "type.googleapis.com/google.rpc.RetryInfo");
                g.writeStringProperty("retryDelay", delay);
                g.writeEndObject();
            });
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    static ApiError scripted(int status, SimScript script) {
        ApiError usual = usual(status);
        Optional<String> delay = status == 429
                ? Optional.of(script.retryAfter().orElse("30") + "s")
                : Optional.empty();
        return new ApiError(status, script.errorMessage().orElse(usual.message()),
                script.errorType().orElse(usual.status()), delay, usual.reason());
    }

    static ApiError scriptedInStream(SimScript script) {
        return new ApiError(500, script.errorMessage().orElse(INTERNAL), script.errorType().orElse("INTERNAL"),
                Optional.empty(), Optional.empty());
    }

    private static final String INTERNAL = "An internal error has occurred. Please retry or report in "
            + "https://developers.generativeai.google/guide/troubleshooting";

    private static ApiError usual(int status) {
        return switch (status) {
            case 400 -> error(400, "Request contains an invalid argument.", "INVALID_ARGUMENT");
            case 401 -> error(401, "Request had invalid authentication credentials.", "UNAUTHENTICATED");
            case 403 -> error(403, "The caller does not have permission", "PERMISSION_DENIED");
            case 404 -> error(404, "Requested entity was not found.", "NOT_FOUND");
            case 408 -> error(408, "Request timed out.", "DEADLINE_EXCEEDED");
            case 409 -> error(409, "The request conflicts with another request.", "ABORTED");
            case 413 -> error(413, "Request payload size exceeds the limit.", "INVALID_ARGUMENT");
            case 429 -> error(429, "You exceeded your current quota, please check your plan and billing details.",
                    "RESOURCE_EXHAUSTED");
            case 500 -> error(500, INTERNAL, "INTERNAL");
            case 501 -> error(501, "Method not implemented.", "UNIMPLEMENTED");
            case 503 -> error(503, "The model is overloaded. Please try again later.", "UNAVAILABLE");
            case 504 -> error(504, "Deadline expired before operation could complete.", "DEADLINE_EXCEEDED");
            default -> status >= 500
                    ? error(status, "The service failed with status " + status + ".", "UNKNOWN")
                    : error(status, "The request failed with status " + status + ".", "FAILED_PRECONDITION");
        };
    }

    private static ApiError error(int code, String message, String status) {
        return new ApiError(code, message, status, Optional.empty(), Optional.empty());
    }

    /** 400 INVALID_ARGUMENT with Google's message for a request the real API would refuse. */
    static void invalid(Exchange exchange, String message) {
        send(exchange, error(400, message, "INVALID_ARGUMENT"));
    }

    /** No key, as Google answers a request without one. */
    static void missingKey(Exchange exchange) {
        send(exchange, error(403, "Method doesn't allow unregistered callers (callers without established identity). "
                + "Please use API Key or other form of API consumer identity to call this API.", "PERMISSION_DENIED"));
    }

    /** A wrong key: Google's 400 with reason API_KEY_INVALID. */
    static void invalidKey(Exchange exchange) {
        send(exchange, new ApiError(400, "API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT",
                Optional.empty(), Optional.of("API_KEY_INVALID")));
    }

    static void send(Exchange exchange, ApiError error) {
        exchange.respond(error.code(), ScriptedResponder.JSON, body(error), Map.of());
    }
}
