package dev.junction.api;

import dev.junction.teams.GuardrailRefusedException;
import dev.junction.accounting.InsufficientCreditsException;
import dev.junction.cluster.ClusterUnavailableException;
import dev.junction.generation.ClientError;
import dev.junction.keys.KeyRefusedException;
import dev.junction.limits.KeyChangedException;
import dev.junction.limits.RateLimitedException;
import dev.junction.store.StoreException;
import dev.junction.routing.AllAttemptsFailedException;
import dev.junction.routing.NoEndpointsException;
import dev.junction.routing.NoRouteException;
import dev.junction.routing.UnknownModelException;
import dev.junction.routing.WrongModelKindException;
import dev.junction.wire.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
            case KeyRefusedException e -> ApiException.unauthorized(e.getMessage());
            case KeyChangedException e -> new ApiException(503, e.getMessage(), Map.of(), Map.of("Retry-After", "1"));
            case InvalidRequestException e -> ApiException.badRequest(e.getMessage());
            // OpenRouter answers 400; the error type lets a dialect whose API answers otherwise (Anthropic: 404) do so.
            case UnknownModelException e -> new ApiException(400, e.getMessage(), Map.of("error_type", "model_not_found"));
            case InsufficientCreditsException e -> new ApiException(402, e.getMessage());
            case GuardrailRefusedException e -> new ApiException(e.status(), e.getMessage(), Map.of("guardrail_id", e.guardrailId()));
            case RateLimitedException e -> new ApiException(429, e.getMessage(), Map.of("error_type", "rate_limit_exceeded"), e.headers());
            case ClusterUnavailableException e -> new ApiException(503, e.getMessage(), Map.of(), Map.of("Retry-After", "1"));
            case StoreException e -> databaseUnavailable(e);
            case org.jdbi.v3.core.JdbiException e -> databaseUnavailable(e);
            case NoRouteException e -> new ApiException(503, e.getMessage());
            case NoEndpointsException e -> new ApiException(e.status(), e.getMessage());
            case WrongModelKindException e -> new ApiException(400, e.getMessage());
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

    /** What the client is told when no attempt served it. */
    private static ApiException allFailed(AllAttemptsFailedException e) {
        ClientError error = ClientError.of(e);
        return new ApiException(error.status(), error.message(), error.metadata(), error.headers());
    }
}
