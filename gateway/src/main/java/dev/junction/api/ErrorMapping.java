package dev.junction.api;

import dev.junction.accounting.InsufficientCreditsException;
import dev.junction.cluster.ClusterUnavailableException;
import dev.junction.limits.RateLimitedException;
import dev.junction.store.StoreException;
import dev.junction.providers.UpstreamFailure;
import dev.junction.routing.AllAttemptsFailedException;
import dev.junction.routing.AttemptFailure;
import dev.junction.routing.NoEndpointsException;
import dev.junction.routing.NoRouteException;
import dev.junction.routing.UnknownModelException;
import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what the client is told for each kind of failure — by whose fault it is: the caller's
 * (4xx), a provider's (408, 429, 502) or the gateway's (503, 500).
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    /** The client-facing error for {@code error}; empty for an unexpected exception (a bug: 500). */
    static Optional<ApiException> map(Throwable error) {
        return Optional.ofNullable(switch (error) {
            case ApiException e -> e;
            case InvalidRequestException e -> ApiException.badRequest(e.getMessage());
            case UnknownModelException e -> ApiException.badRequest(e.getMessage());
            case InsufficientCreditsException e -> new ApiException(402, e.getMessage());
            case RateLimitedException e -> new ApiException(429, e.getMessage(), Map.of("error_type", "rate_limit_exceeded"), e.headers());
            case ClusterUnavailableException e -> new ApiException(503, e.getMessage(), Map.of(), Map.of("Retry-After", "1"));
            case StoreException e -> databaseUnavailable(e);
            case org.jdbi.v3.core.JdbiException e -> databaseUnavailable(e);
            case NoRouteException e -> new ApiException(503, e.getMessage());
            case NoEndpointsException e -> new ApiException(e.status(), e.getMessage());
            case AllAttemptsFailedException e -> allFailed(e);
            default -> null;
        });
    }

    /**
     * The database failed or cannot be reached: the gateway's fault, and likely passing. The cause (which
     * may quote SQL) goes to the log, not to the client.
     */
    private static ApiException databaseUnavailable(RuntimeException e) {
        LOG.warn("answering 503: the database failed: {}", e.toString());
        return new ApiException(503, "The gateway's database is unavailable. Try again shortly.",
                Map.of(), Map.of("Retry-After", "1"));
    }

    /** The last failure decides the status; every attempt is listed in {@code metadata.attempts}. */
    private static ApiException allFailed(AllAttemptsFailedException e) {
        ApiException last = upstream(e.last().failure());
        if (e.failures().size() < 2) {
            return last;
        }
        Map<String, Object> metadata = new LinkedHashMap<>(last.metadata());
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (AttemptFailure f : e.failures()) {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("provider_name", f.failure().providerName());
            attempt.put("model", f.attempt().servedModel());
            attempt.put("status", upstream(f.failure()).status());
            attempt.put("message", f.failure().message());
            attempts.add(attempt);
        }
        metadata.put("attempts", attempts);
        return new ApiException(last.status(), last.getMessage(), metadata, last.headers());
    }

    /**
     * An upstream failure as the client sees it. A timeout is a 408 and a rate limit stays a 429 so
     * clients back off; the upstream's verdict on a malformed request keeps its 4xx status (retrying
     * elsewhere will not help); anything else is a 502 — the provider failed, not the caller.
     */
    static ApiException upstream(UpstreamFailure failure) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider_name", failure.providerName());
        metadata.put("error_type", errorType(failure));
        failure.upstreamBody().ifPresent(raw -> metadata.put("raw", rawError(raw)));
        Map<String, String> headers = failure.retryAfter().map(r -> Map.of("Retry-After", r)).orElse(Map.of());
        int status = switch (failure.kind()) {
            case TIMEOUT -> 408;
            case HTTP_STATUS -> switch (failure.status()) {
                case 400, 404, 413, 422 -> failure.status();
                case 408 -> 408;
                case 429 -> 429;
                default -> 502;
            };
            case CANCELLED -> 499;
            case CONTENT_POLICY -> 403; // OpenRouter's status for moderation
            default -> 502;
        };
        return new ApiException(status, failure.message(), metadata, headers);
    }

    /** OpenRouter's canonical {@code error_type}, required in a mid-stream error's metadata. */
    static String errorType(UpstreamFailure failure) {
        return switch (failure.kind()) {
            case TIMEOUT -> "timeout";
            case CONNECT, STREAM_ERROR, PROTOCOL, CANCELLED -> "provider_unavailable";
            case CONTENT_POLICY -> "content_policy_violation";
            case HTTP_STATUS -> switch (failure.status()) {
                case 400 -> "invalid_request";
                case 401 -> "authentication";
                case 403 -> "permission_denied";
                case 404 -> "not_found";
                case 408 -> "timeout";
                case 413 -> "payload_too_large";
                case 422 -> "unprocessable";
                case 429 -> "rate_limit_exceeded";
                case 503, 529 -> "provider_overloaded";
                default -> failure.status() >= 500 ? "provider_unavailable" : "unmapped";
            };
        };
    }

    /** The upstream's error as JSON when it is JSON, so clients can read it without double decoding. */
    private static Object rawError(String raw) {
        try {
            return Json.parse(raw);
        } catch (JacksonException e) {
            return raw;
        }
    }
}
