package dev.junction.api;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;

/**
 * Answers requests that break HTTP/1.1 itself — a request line or headers over the limits, an invalid
 * {@code Content-Length}, a malformed request line — which Vert.x would otherwise answer with an empty
 * body. The request decoder has given up on the connection by then, so it is closed after the answer.
 */
final class InvalidRequests {
    /** The longest request line (method, URL and version) accepted; Vert.x's default. */
    static final int MAX_REQUEST_LINE_BYTES = 4096;
    /** The most header bytes accepted; Vert.x's default. */
    static final int MAX_HEADER_BYTES = 8192;
    /** The decoder's reason is quoted to help the client; it may echo the client's own bytes, so keep it short. */
    private static final int MAX_REASON_CHARS = 200;

    private InvalidRequests() {}

    static void answer(HttpServerRequest request) {
        ErrorResponder.sendAndClose(request, errorFor(request.decoderResult().cause()));
    }

    /**
     * Puts {@code handler} in front of a new connection's requests. Vert.x's own front handler answers
     * an HTTP version it does not know ({@code HTTP/1.2}, {@code HTTP/9.9}) with an empty 501 before any
     * handler of ours runs, and its only other job, WebSocket upgrades, is one this server does not do;
     * so it is replaced by one that answers such a request in the envelope. Reaching the connection's
     * handler needs Vert.x's implementation interface: should that change, Vert.x's 501 is what remains.
     */
    static void frontConnection(HttpConnection connection, Handler<HttpServerRequest> handler) {
        if (connection instanceof HttpServerConnection server) {
            server.handler(request -> {
                if (request.version() == null) {
                    ErrorResponder.sendAndClose(request, new ApiException(505,
                            "Unsupported HTTP version: this server speaks HTTP/1.1 (and HTTP/1.0)"));
                } else {
                    handler.handle(request);
                }
            });
        }
    }

    static ApiException errorFor(Throwable cause) {
        return switch (cause) {
            case TooLongHttpLineException e -> new ApiException(414,
                    "The request line is longer than the limit of " + MAX_REQUEST_LINE_BYTES + " bytes");
            case TooLongHttpHeaderException e -> new ApiException(431,
                    "The request headers are larger than the limit of " + MAX_HEADER_BYTES + " bytes");
            case null -> ApiException.badRequest("Malformed HTTP request");
            default -> ApiException.badRequest("Malformed HTTP request: " + reason(cause));
        };
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String printable = message.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_REASON_CHARS ? printable : printable.substring(0, MAX_REASON_CHARS) + "…";
    }
}
