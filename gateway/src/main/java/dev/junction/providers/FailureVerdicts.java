package dev.junction.providers;

/**
 * The one table of upstream failures. Fall through to the next endpoint on what another endpoint may not
 * suffer — connection errors, timeouts, rate limits (408/429), server errors and overload (5xx/529), a
 * provider that does not have the model (404) or rejects Junction's credentials (401/403), a request this
 * provider's protocol cannot express. Stop on the caller's own mistakes (400/413/422): every endpoint would
 * refuse the same request; on a prompt blocked by content policy (it is the caller's prompt); and when the
 * client has gone.
 *
 * <p>What the client is told: a timeout is a 408 and a rate limit stays a 429 so clients back off; the
 * upstream's verdict on a malformed request keeps its 4xx status (retrying elsewhere will not help); a request
 * that no endpoint could express is the caller's 400; anything else is a 502 — the provider failed, not the
 * caller. A blocked prompt is OpenRouter's 403.
 */
final class FailureVerdicts {
    private FailureVerdicts() {}

    static FailureVerdict of(UpstreamFailure.Kind kind, int status) {
        return switch (kind) {
            case CONNECT, STREAM_ERROR, PROTOCOL -> next(502, "provider_unavailable");
            case TIMEOUT -> next(408, "timeout");
            case UNSUPPORTED_REQUEST -> new FailureVerdict(FailureClass.TRY_NEXT, 400, "invalid_request", false);
            case CONTENT_POLICY -> new FailureVerdict(FailureClass.STOP, 403, "content_policy_violation", false);
            case CANCELLED -> new FailureVerdict(FailureClass.STOP, 499, "provider_unavailable", false);
            case HTTP_STATUS -> httpStatus(status);
        };
    }

    private static FailureVerdict httpStatus(int status) {
        return switch (status) {
            case 400 -> callersMistake(400, "invalid_request");
            case 413 -> callersMistake(413, "payload_too_large");
            case 422 -> callersMistake(422, "unprocessable");
            case 401 -> next(502, "authentication");
            case 403 -> next(502, "permission_denied");
            case 404 -> next(404, "not_found");
            case 408 -> next(408, "timeout");
            case 429 -> new FailureVerdict(FailureClass.TRY_NEXT, 429, "rate_limit_exceeded", false);
            case 503, 529 -> next(502, "provider_overloaded");
            default -> next(502, status >= 500 ? "provider_unavailable" : "unmapped");
        };
    }

    private static FailureVerdict next(int clientStatus, String errorType) {
        return new FailureVerdict(FailureClass.TRY_NEXT, clientStatus, errorType, true);
    }

    private static FailureVerdict callersMistake(int status, String errorType) {
        return new FailureVerdict(FailureClass.STOP, status, errorType, false);
    }
}
