package dev.junction.generation.anthropic;

import dev.junction.generation.ClientError;
import dev.junction.generation.ErrorRenderer;
import dev.junction.wire.Json;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors as Anthropic's API writes them, {@code {"type":"error","error":{"type":"not_found_error","message":"…"}}}
 * — the envelope Anthropic's SDKs and Claude Code read — with the error type of the status: 400
 * {@code invalid_request_error}, 401 {@code authentication_error}, 402 {@code billing_error}, 403
 * {@code permission_error}, 404 {@code not_found_error}, 408 {@code timeout_error}, 413 {@code request_too_large},
 * 429 {@code rate_limit_error}, 503 and 529 {@code overloaded_error}, other 5xx {@code api_error}. An upstream that
 * was overloaded is an {@code overloaded_error} whatever the status, and a model the catalog does not know is
 * Anthropic's 404.
 */
public final class AnthropicErrorRenderer implements ErrorRenderer {
    public static final AnthropicErrorRenderer INSTANCE = new AnthropicErrorRenderer();
    /** The {@code error_type} OpenRouter's metadata gives an overloaded upstream. */
    private static final String OVERLOADED = "provider_overloaded";
    /** The {@code error_type} of a model the catalog does not have. */
    private static final String UNKNOWN_MODEL = "model_not_found";

    private AnthropicErrorRenderer() {}

    @Override
    public Buffer error(ClientError error) {
        return Buffer.buffer(Json.bytes(envelope(type(status(error), errorType(error)), error.message())));
    }

    @Override
    public int status(ClientError error) {
        return UNKNOWN_MODEL.equals(errorType(error)) ? 404 : error.status();
    }

    /** {@code {"type":"error","error":{"type":…,"message":…}}}: the body, and the data of a stream's error event. */
    static ObjectNode envelope(String type, String message) {
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body;
    }

    static String type(int status, String errorType) {
        if (OVERLOADED.equals(errorType)) {
            return "overloaded_error";
        }
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 408 -> "timeout_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static String errorType(ClientError error) {
        return error.metadata().get("error_type") instanceof String type ? type : "";
    }
}
