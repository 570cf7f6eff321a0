package dev.junction.routing;

import dev.junction.providers.UpstreamFailure;

/**
 * What to do after an attempt failed before its first token. Fall through to the next endpoint on
 * what another endpoint may not suffer — connection errors, timeouts, rate limits (408/429), server
 * errors and overload (5xx/529), a provider that does not have the model (404) or rejects Junction's
 * credentials (401/403). Stop on the caller's own mistakes (400/413/422): every endpoint would refuse
 * the same request, and on a prompt blocked by content policy (it is the caller's prompt). Stop when the
 * client has gone.
 */
public enum FailureClass {
    TRY_NEXT,
    STOP;

    public static FailureClass of(UpstreamFailure failure) {
        return switch (failure.kind()) {
            case CANCELLED, CONTENT_POLICY -> STOP;
            case HTTP_STATUS -> callersMistake(failure.status()) ? STOP : TRY_NEXT;
            default -> TRY_NEXT;
        };
    }

    /** Statuses by which an upstream says the request itself is wrong. */
    static boolean callersMistake(int status) {
        return status == 400 || status == 413 || status == 422;
    }
}
