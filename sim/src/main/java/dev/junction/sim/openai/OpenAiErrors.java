package dev.junction.sim.openai;

import dev.junction.sim.SimScript;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.ScriptedResponder;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Optional;

/** OpenAI's error envelope {@code {"error":{"message","type","param","code"}}} and its usual values per status. */
public final class OpenAiErrors {
    static final String SERVER_ERROR_MESSAGE =
            "The server had an error while processing your request. Sorry about that!";

    private OpenAiErrors() {
    }

    /** One error, fully resolved. */
    record ApiError(String message, String type, Optional<String> param, Optional<String> code) {
    }

    /** The body of an error response. */
    static Buffer body(ApiError error) {
        return Json.buffer(g -> {
            g.writeStartObject();
            g.writeName("error");
            writeError(g, error);
            g.writeEndObject();
        });
    }

    /** The in-stream error event OpenAI sends when a stream fails after it started. */
    static Buffer streamEvent(ApiError error) {
        return Json.sseData(g -> {
            g.writeStartObject();
            g.writeName("error");
            writeError(g, error);
            g.writeEndObject();
        });
    }

    private static void writeError(tools.jackson.core.JsonGenerator g, ApiError error) {
        g.writeStartObject();
        g.writeStringProperty("message", error.message());
        g.writeStringProperty("type", error.type());
        optional(g, "param", error.param());
        optional(g, "code", error.code());
        g.writeEndObject();
    }

    private static void optional(tools.jackson.core.JsonGenerator g, String name, Optional<String> value) {
        if (value.isPresent()) {
            g.writeStringProperty(name, value.get());
        } else {
            g.writeNullProperty(name);
        }
    }

    /** A scripted HTTP error: the script's message/type/code where set, else what OpenAI sends for the status. */
    static ApiError scripted(int status, SimScript script) {
        ApiError usual = usual(status);
        return new ApiError(script.errorMessage().orElse(usual.message()), script.errorType().orElse(usual.type()),
                Optional.empty(), script.errorCode().or(usual::code));
    }

    /** A scripted mid-stream failure: a {@code server_error} unless the script says otherwise. */
    static ApiError scriptedInStream(SimScript script) {
        return new ApiError(script.errorMessage().orElse(SERVER_ERROR_MESSAGE),
                script.errorType().orElse("server_error"), Optional.empty(), script.errorCode());
    }

    private static ApiError usual(int status) {
        return switch (status) {
            case 400 -> invalid("Invalid request.", Optional.empty());
            case 401 -> invalid("Incorrect API key provided.", Optional.of("invalid_api_key"));
            case 403 -> invalid("You are not allowed to use this model.", Optional.empty());
            case 404 -> invalid("The requested model does not exist or you do not have access to it.",
                    Optional.of("model_not_found"));
            case 408 -> invalid("Request timed out.", Optional.empty());
            case 413 -> invalid("Request too large.", Optional.empty());
            case 429 -> new ApiError("Rate limit reached for requests. Please try again later.", "requests",
                    Optional.empty(), Optional.of("rate_limit_exceeded"));
            case 500 -> server(SERVER_ERROR_MESSAGE);
            case 502 -> server("Bad gateway.");
            case 503 -> server("The server is overloaded or not ready yet.");
            case 504 -> server("Gateway timeout.");
            default -> status >= 500
                    ? server("The server failed with status " + status + ".")
                    : invalid("The request failed with status " + status + ".", Optional.empty());
        };
    }

    private static ApiError invalid(String message, Optional<String> code) {
        return new ApiError(message, "invalid_request_error", Optional.empty(), code);
    }

    private static ApiError server(String message) {
        return new ApiError(message, "server_error", Optional.empty(), Optional.empty());
    }

    /** 400 for a request the sim cannot serve. */
    static void badRequest(Exchange exchange, String message, Optional<String> param) {
        send(exchange, 400, new ApiError(message, "invalid_request_error", param, Optional.empty()));
    }

    /** 404 for any path no protocol owns, as OpenAI answers an unknown URL. */
    public static void notFound(Exchange exchange) {
        var request = exchange.request();
        send(exchange, 404, new ApiError("Invalid URL (" + request.method() + " " + request.path() + ")",
                "invalid_request_error", Optional.empty(), Optional.empty()));
    }

    /** 500 for a bug in the sim itself, so that a client never waits forever. */
    public static void internalError(Exchange exchange, Throwable cause) {
        send(exchange, 500, new ApiError("junction-sim failed: " + cause, "server_error", Optional.empty(),
                Optional.empty()));
    }

    static void send(Exchange exchange, int status, ApiError error) {
        exchange.respond(status, ScriptedResponder.JSON, body(error), Map.of());
    }
}
