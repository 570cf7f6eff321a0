package dev.junction.providers;

import java.util.Optional;

/**
 * Why an upstream call failed, as data. Its {@link #verdict()} — classified once, in
 * {@link FailureVerdicts} — says whether the plan tries the next endpoint, what the client is told and
 * whether the endpoint's health suffers.
 *
 * @param status       the upstream's HTTP status for {@link Kind#HTTP_STATUS}, otherwise 0
 * @param upstreamBody the upstream's own error body (truncated), when it sent one
 * @param retryAfter   the upstream's {@code Retry-After}, when it sent one
 */
public record UpstreamFailure(
        Kind kind,
        String providerName,
        int status,
        String message,
        Optional<String> upstreamBody,
        Optional<String> retryAfter) {

    public enum Kind {
        /** Could not connect (refused, DNS, TLS). */
        CONNECT,
        /** No answer within the first-byte or idle timeout. */
        TIMEOUT,
        /** The upstream answered with a non-2xx status. */
        HTTP_STATUS,
        /** The upstream answered with something that is not its protocol. */
        PROTOCOL,
        /** The upstream reported an error inside a stream, or dropped the connection mid-stream. */
        STREAM_ERROR,
        /** The upstream refused the request under its content policy (a blocked prompt); not a provider fault. */
        CONTENT_POLICY,
        /** Junction aborted the call because the client went away. */
        CANCELLED,
        /**
         * This provider's protocol cannot express the request (a recursive schema for Gemini, a file by id):
         * nothing was sent, and another endpoint may well serve it.
         */
        UNSUPPORTED_REQUEST
    }

    public static UpstreamFailure of(Kind kind, String providerName, String message) {
        return new UpstreamFailure(kind, providerName, 0, message, Optional.empty(), Optional.empty());
    }

    /** A request this provider cannot express, refused before anything was sent; the message says why. */
    public static UpstreamFailure unsupported(String providerName, String message) {
        return of(Kind.UNSUPPORTED_REQUEST, providerName, message);
    }

    /** A request of an API this provider does not serve (embeddings to Anthropic, rerank to Gemini, a stream of either). */
    public static UpstreamFailure unsupportedApi(String providerName, dev.junction.wire.ApiKind api, boolean stream) {
        return unsupported(providerName, providerName + " does not serve " + (stream ? "streamed " : "")
                + api.recordName() + " requests");
    }

    /** What follows from this failure: the next attempt or not, the client's status, the error type. */
    public FailureVerdict verdict() {
        return FailureVerdicts.of(kind, status);
    }

    public UpstreamException asException() {
        return new UpstreamException(this);
    }
}
