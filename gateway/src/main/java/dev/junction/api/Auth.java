package dev.junction.api;

import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyService;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads {@code Authorization: Bearer <key>} — or {@code x-api-key: <key>}, where Anthropic's SDKs and Claude Code
 * send it — and resolves the key: 401 when it is missing, unknown,
 * deleted or disabled; 403 when a key of the wrong kind is used — a provisioning key calling a model,
 * or a standard key managing keys.
 */
final class Auth {
    /** Anthropic's header for the key; a bearer token, when there is one, wins. */
    private static final String API_KEY_HEADER = "x-api-key";

    private final KeyService keys;

    Auth(KeyService keys) {
        this.keys = keys;
    }

    /** Any valid key, standard or provisioning, as it is now (in a cluster, changes made on other instances included). */
    Future<ApiKey> any(HttpServerRequest request) {
        return keys.authenticateCurrent(bearer(request)).map(KeyService::usable);
    }

    /**
     * A key that may call models. The cached copy serves: the request's admission checks that it is
     * current in the same round trip that checks its limits, and reloads it if not ({@code generation.Generations}).
     */
    Future<ApiKey> standard(HttpServerRequest request) {
        return keys.authenticate(bearer(request)).map(KeyService::usable).map(k -> {
            if (k.isProvisioning()) {
                throw new ApiException(403, "Provisioning keys can only manage keys and read account data; "
                        + "call models with a standard API key");
            }
            return k;
        });
    }

    /** A key that may manage keys and read account data, as it is now. */
    Future<ApiKey> provisioning(HttpServerRequest request) {
        return any(request).map(k -> {
            if (!k.isProvisioning()) {
                throw new ApiException(403, "Only provisioning keys can manage keys and read account data");
            }
            return k;
        });
    }

    private static String bearer(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            String apiKey = request.getHeader(API_KEY_HEADER);
            if (apiKey != null && !apiKey.isBlank()) {
                return apiKey.trim();
            }
            throw ApiException.unauthorized("No auth credentials found: send your API key as 'Authorization: Bearer <key>'"
                    + " (or as 'x-api-key: <key>')");
        }
        String key = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (key.isEmpty()) {
            throw ApiException.unauthorized("Malformed Authorization header: expected 'Bearer <key>'");
        }
        return key;
    }
}
