package dev.junction.generation;

import dev.junction.providers.FailureVerdict;
import dev.junction.providers.UpstreamFailure;
import dev.junction.routing.AllAttemptsFailedException;
import dev.junction.routing.AttemptFailure;
import dev.junction.wire.Json;
import tools.jackson.core.JacksonException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the client is told when no attempt served it: the status and message of the last failure (its
 * {@link FailureVerdict}), OpenRouter's metadata ({@code provider_name}, {@code error_type}, the upstream's own
 * error as {@code raw}, every attempt when there were several) and headers such as the upstream's
 * {@code Retry-After}. Metadata values are JSON-serialisable.
 */
public record ClientError(int status, String message, Map<String, Object> metadata, Map<String, String> headers) {

    public static ClientError of(UpstreamFailure failure) {
        FailureVerdict verdict = failure.verdict();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider_name", failure.providerName());
        metadata.put("error_type", verdict.errorType());
        failure.upstreamBody().ifPresent(raw -> metadata.put("raw", raw(raw)));
        Map<String, String> headers = failure.retryAfter().map(r -> Map.of("Retry-After", r)).orElse(Map.of());
        return new ClientError(verdict.clientStatus(), failure.message(), metadata, headers);
    }

    /** The last failure decides the status; every attempt is listed in {@code metadata.attempts}. */
    public static ClientError of(AllAttemptsFailedException e) {
        ClientError last = of(e.last().failure());
        if (e.failures().size() < 2) {
            return last;
        }
        Map<String, Object> metadata = new LinkedHashMap<>(last.metadata());
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (AttemptFailure f : e.failures()) {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("provider_name", f.failure().providerName());
            attempt.put("model", f.attempt().servedModel());
            attempt.put("status", f.failure().verdict().clientStatus());
            attempt.put("message", f.failure().message());
            attempts.add(attempt);
        }
        metadata.put("attempts", attempts);
        return new ClientError(last.status(), last.message(), metadata, last.headers());
    }

    /** The upstream's error as JSON when it is JSON, so clients can read it without double decoding. */
    private static Object raw(String raw) {
        try {
            return Json.parse(raw);
        } catch (JacksonException e) {
            return raw;
        }
    }
}
