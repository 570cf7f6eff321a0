package dev.junction.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;

/**
 * Cross-origin access for browser clients, as OpenRouter allows: the allowed origin is echoed on every
 * response, and preflight requests are answered without reaching a handler.
 */
public final class Cors {
    private final List<String> allowedOrigins;
    private final boolean any;

    public Cors(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.any = allowedOrigins.contains("*");
    }

    /** Adds CORS headers; returns true if this was a preflight and has been answered. */
    boolean handle(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !(any || allowedOrigins.contains(origin))) {
            return false;
        }
        HttpServerResponse response = request.response();
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
        if (!any) {
            response.putHeader(HttpHeaders.VARY, "Origin");
        }
        if (request.method() != HttpMethod.OPTIONS || request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) == null) {
            return false;
        }
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE, OPTIONS")
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        "Authorization, Content-Type, HTTP-Referer, X-Title, x-api-key, anthropic-version, anthropic-beta, "
                                + "anthropic-dangerous-direct-browser-access, X-Stainless-Lang, X-Stainless-Package-Version, "
                                + "X-Stainless-OS, X-Stainless-Arch, X-Stainless-Runtime, X-Stainless-Runtime-Version, "
                                + "X-Stainless-Retry-Count, X-Stainless-Timeout")
                .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400")
                .setStatusCode(204)
                .end();
        return true;
    }
}
