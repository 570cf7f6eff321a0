package dev.junction.sim.anthropic;

import dev.junction.sim.SimScript;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.ScriptedResponder;
import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * Anthropic's error envelope {@code {"type":"error","error":{"type","message"},"request_id"}} and its error type per
 * status: 400 invalid_request_error, 401 authentication_error, 403 permission_error, 404 not_found_error,
 * 413 request_too_large, 429 rate_limit_error, 500 api_error, 529 overloaded_error.
 */
final class AnthropicErrors {
    static final String OVERLOADED = "overloaded_error";

    private AnthropicErrors() {
    }

    record ApiError(String type, String message) {
    }

    static ApiError usual(int status) {
        return switch (status) {
            case 400 -> new ApiError("invalid_request_error", "Invalid request.");
            case 401 -> new ApiError("authentication_error", "invalid x-api-key");
            case 402 -> new ApiError("billing_error", "Your credit balance is too low to access the Anthropic API.");
            case 403 -> new ApiError("permission_error", "Your API key does not have permission to use the specified resource.");
            case 404 -> new ApiError("not_found_error", "Not found.");
            case 413 -> new ApiError("request_too_large", "Request exceeds the maximum allowed number of bytes.");
            case 429 -> new ApiError("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit.");
            case 504 -> new ApiError("timeout_error", "Request timed out.");
            case 529 -> new ApiError(OVERLOADED, "Overloaded");
            default -> status >= 500
                    ? new ApiError("api_error", "Internal server error")
                    : new ApiError("invalid_request_error", "The request failed with status " + status + ".");
        };
    }

    /** A scripted HTTP error: the script's type and message where set, else Anthropic's for the status. */
    static ApiError scripted(int status, SimScript script) {
        ApiError usual = usual(status);
        return new ApiError(script.errorType().orElse(usual.type()), script.errorMessage().orElse(usual.message()));
    }

    /** A scripted mid-stream failure: Anthropic's usual one, {@code overloaded_error}, unless the script says otherwise. */
    static ApiError scriptedInStream(SimScript script) {
        return new ApiError(script.errorType().orElse(OVERLOADED), script.errorMessage().orElse("Overloaded"));
    }

    static Buffer body(ApiError error) {
        return Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("type", "error");
            writeError(g, error);
            g.writeStringProperty("request_id", AnthropicIds.request());
            g.writeEndObject();
        });
    }

    /** The {@code error} event of a stream that fails after it started. */
    static Buffer streamEvent(ApiError error) {
        Buffer data = Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("type", "error");
            writeError(g, error);
            g.writeEndObject();
        });
        return Buffer.buffer("event: error\ndata: ").appendBuffer(data).appendString("\n\n");
    }

    private static void writeError(tools.jackson.core.JsonGenerator g, ApiError error) {
        g.writeObjectPropertyStart("error");
        g.writeStringProperty("type", error.type());
        g.writeStringProperty("message", error.message());
        g.writeEndObject();
    }

    static void send(Exchange exchange, int status, ApiError error) {
        exchange.respond(status, ScriptedResponder.JSON, body(error), Map.of("request-id", AnthropicIds.request()));
    }

    static void invalid(Exchange exchange, String message) {
        send(exchange, 400, new ApiError("invalid_request_error", message));
    }
}
