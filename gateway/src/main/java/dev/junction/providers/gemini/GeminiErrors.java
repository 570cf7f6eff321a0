package dev.junction.providers.gemini;

import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Google's errors as Junction's failures. Google's envelope is {@code {"error":{"code","message","status",
 * "details"}}}; the quirks handled here:
 * <ul>
 *   <li>A 429 carries its back-off in a {@code google.rpc.RetryInfo} detail ({@code "retryDelay":"37s"}),
 *       not in a {@code Retry-After} header: it becomes the failure's retry-after, in whole seconds.</li>
 *   <li>A wrong API key is a 400 {@code INVALID_ARGUMENT} with reason {@code API_KEY_INVALID}: it is the
 *       operator's credential, not the caller's request, so it is reported as the 401 it means.</li>
 *   <li>A prompt Gemini refuses to answer comes back as a 200 whose {@code promptFeedback.blockReason} is set
 *       and which has no candidates: it becomes a {@link UpstreamFailure.Kind#CONTENT_POLICY} failure (403,
 *       {@code content_policy_violation}) carrying Google's body.</li>
 *   <li>An error inside a stream arrives as an SSE event holding the same envelope.</li>
 * </ul>
 */
final class GeminiErrors {
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

    private GeminiErrors() {}

    /** Refines a non-2xx failure built by the shared HTTP layer with what Google's body says. */
    static UpstreamFailure refine(UpstreamFailure failure) {
        if (failure.kind() != UpstreamFailure.Kind.HTTP_STATUS || failure.upstreamBody().isEmpty()) {
            return failure;
        }
        JsonNode error;
        try {
            error = Json.parse(failure.upstreamBody().get()).path("error");
        } catch (RuntimeException e) {
            return failure; // not Google's envelope (a proxy's HTML page): keep the generic failure
        }
        if (!error.isObject()) {
            return failure;
        }
        int status = failure.status();
        if (status == 400 && hasReason(error, "API_KEY_INVALID")) {
            status = 401;
        }
        String googleStatus = error.path("status").asString("");
        String message = failure.providerName() + " returned HTTP " + failure.status()
                + (googleStatus.isEmpty() ? "" : " " + googleStatus) + ": "
                + error.path("message").asString(failure.message()).strip();
        Optional<String> retryAfter = failure.retryAfter().or(() -> retryDelay(error));
        return new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, failure.providerName(), status, message,
                failure.upstreamBody(), retryAfter);
    }

    /** A response (or first stream event) whose prompt Gemini blocked, if {@code response} is one. */
    static Optional<UpstreamFailure> blockedPrompt(JsonNode response, String providerName) {
        JsonNode feedback = response.path("promptFeedback");
        String reason = feedback.path("blockReason").asString("");
        boolean noCandidates = !response.path("candidates").isArray() || response.path("candidates").isEmpty();
        if (reason.isEmpty() || !noCandidates) {
            return Optional.empty();
        }
        String detail = feedback.path("blockReasonMessage").asString("");
        return Optional.of(new UpstreamFailure(UpstreamFailure.Kind.CONTENT_POLICY, providerName, 0,
                providerName + " blocked the prompt (" + reason + ")" + (detail.isEmpty() ? "" : ": " + detail),
                Optional.of(Json.text(response)), Optional.empty()));
    }

    /** An {@code error} event inside a stream. */
    static UpstreamFailure streamError(JsonNode event, String providerName) {
        JsonNode error = event.path("error");
        String status = error.path("status").asString("");
        String message = error.isString() ? error.asString() : error.path("message").asString("an error");
        return new UpstreamFailure(UpstreamFailure.Kind.STREAM_ERROR, providerName, 0,
                providerName + " failed mid-stream" + (status.isEmpty() ? "" : " (" + status + ")") + ": " + message,
                Optional.of(Json.text(event)), Optional.empty());
    }

    private static boolean hasReason(JsonNode error, String reason) {
        for (JsonNode detail : error.path("details")) {
            if (reason.equals(detail.path("reason").asString(""))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> retryDelay(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            String delay = detail.path("retryDelay").asString("");
            if (RETRY_INFO.equals(detail.path("@type").asString("")) && delay.endsWith("s")) {
                try {
                    BigDecimal seconds = new BigDecimal(delay.substring(0, delay.length() - 1));
                    return Optional.of(seconds.setScale(0, RoundingMode.CEILING).toPlainString());
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
