package dev.junction.api;

import dev.junction.money.Money;
import dev.junction.keys.ApiKey;
import dev.junction.config.KeyHash;
import dev.junction.keys.KeyKind;
import dev.junction.store.AuthCode;
import dev.junction.wire.ClientNumbers;
import dev.junction.wire.Json;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OAuth PKCE as OpenRouter documents it. An app sends the user to {@code GET /auth?callback_url=…
 * &code_challenge=…&code_challenge_method=S256}; the consent page asks for a provisioning key of the
 * account; on approval the browser goes back to {@code callback_url?code=…}; the app exchanges the code
 * (once, within ten minutes) with its verifier at {@code POST /api/v1/auth/keys} for a user-scoped key.
 * {@code POST /api/v1/auth/keys/code} creates a code server-side with a provisioning key. A code needs a
 * {@code code_challenge} unless {@code auth.require-pkce} is off: as OpenRouter recommends, a code alone is
 * not proof enough of who asked for it.
 */
final class OAuthHandler {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Services services;
    private final Auth auth;
    private final Vertx vertx;
    private final boolean requirePkce;

    OAuthHandler(Services services, Vertx vertx) {
        this.services = services;
        this.auth = new Auth(services.keys());
        this.vertx = vertx;
        this.requirePkce = services.config().oauth().requirePkce();
    }

    Future<?> createCode(HttpServerRequest request, Map<String, String> params) {
        request.pause();
        return auth.provisioning(request).compose(admin -> BodyReader.read(request, 64 * 1024).compose(buffer -> {
            JsonNode body = json(buffer.getBytes());
            String callback = callbackUrl(text(body, "callback_url").orElseThrow(() ->
                    ApiException.badRequest("callback_url: required")));
            Optional<String> challenge = challenge(text(body, "code_challenge").filter(c -> !c.isBlank()));
            Optional<String> method = method(text(body, "code_challenge_method"), challenge);
            Optional<Money> limit = limit(body.get("limit"));
            return issue(admin.accountId(), callback, challenge, method, limit);
        })).compose(issued -> {
            ObjectNode data = Json.object();
            data.put("id", issued.code()).put("app_id", 0).put("created_at", issued.createdAt().toString());
            ObjectNode body = Json.object();
            body.set("data", data);
            return KeysHandler.send(request, 200, body);
        });
    }

    Future<?> exchange(HttpServerRequest request, Map<String, String> params) {
        return BodyReader.read(request, 64 * 1024).compose(buffer -> {
            JsonNode body = json(buffer.getBytes());
            String code = text(body, "code").orElseThrow(() -> ApiException.badRequest("code: required"));
            Optional<String> verifier = text(body, "code_verifier");
            return vertx.executeBlocking(() -> services.store().authCodes().take(KeyHash.sha256Hex(code)), false)
                    .compose(found -> {
                        AuthCode authCode = found.orElseThrow(() -> new ApiException(403, "Invalid or already used code"));
                        if (services.clock().instant().isAfter(authCode.expiresAt())) {
                            throw new ApiException(403, "This code has expired; start the authorisation again");
                        }
                        if (requirePkce && authCode.challenge().isEmpty()) {
                            // Issued before PKCE was required: the code alone no longer proves who asked.
                            throw new ApiException(403, "This code was issued without PKCE, which this gateway "
                                    + "requires; start the authorisation again with a code_challenge");
                        }
                        verify(authCode, verifier);
                        String label = "OAuth: " + URI.create(authCode.callbackUrl()).getHost();
                        return vertx.executeBlocking(() -> services.keys().create(authCode.accountId(), label,
                                KeyKind.STANDARD, authCode.limit(), Optional.empty(), false), false);
                    });
        }).compose(created -> {
            ObjectNode body = Json.object();
            body.put("key", created.secret());
            body.put("user_id", created.key().accountId());
            return KeysHandler.send(request, 200, body);
        });
    }

    /** {@code GET /auth}: the consent page. */
    Future<?> consentPage(HttpServerRequest request, Map<String, String> params) {
        String callback = callbackUrl(Optional.ofNullable(request.getParam("callback_url"))
                .orElseThrow(() -> ApiException.badRequest("callback_url: required")));
        String challenge = challenge(Optional.ofNullable(request.getParam("code_challenge")).filter(c -> !c.isBlank()))
                .orElse("");
        String method = Optional.ofNullable(request.getParam("code_challenge_method")).orElse(challenge.isEmpty() ? "" : "S256");
        return html(request, 200, ConsentPage.render(callback, challenge, method, Optional.empty()));
    }

    /** {@code POST /auth/approve}: the consent form, approved with a provisioning key; redirects back to the app. */
    Future<?> approve(HttpServerRequest request, Map<String, String> params) {
        return BodyReader.read(request, 64 * 1024).compose(buffer -> {
            String encoded = buffer.toString(StandardCharsets.UTF_8);
            FormEncoding.check(encoded, "form field");
            Map<String, List<String>> form = new QueryStringDecoder("?" + encoded).parameters();
            String callback = callbackUrl(first(form, "callback_url").orElseThrow(() -> ApiException.badRequest("callback_url: required")));
            Optional<String> challenge = challenge(first(form, "code_challenge").filter(s -> !s.isBlank()));
            Optional<String> method = method(first(form, "code_challenge_method").filter(s -> !s.isBlank()), challenge);
            String key = first(form, "key").orElse("");
            return services.keys().authenticate(key).compose(found -> {
                Optional<ApiKey> admin = found.filter(k -> k.isProvisioning() && !k.disabled());
                if (admin.isEmpty()) {
                    return html(request, 403, ConsentPage.render(callback, challenge.orElse(""), method.orElse(""),
                            Optional.of("That is not a valid provisioning key for this gateway.")));
                }
                return issue(admin.get().accountId(), callback, challenge, method, Optional.empty()).compose(issued -> {
                    String separator = callback.contains("?") ? "&" : "?";
                    return request.response().setStatusCode(302)
                            .putHeader(HttpHeaders.LOCATION, callback + separator + "code=" + issued.code())
                            .end();
                });
            });
        });
    }

    private record Issued(String code, Instant createdAt) {}

    private Future<Issued> issue(String accountId, String callback, Optional<String> challenge, Optional<String> method,
                                 Optional<Money> limit) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = HexFormat.of().formatHex(bytes);
        Instant now = services.clock().instant();
        AuthCode stored = new AuthCode(KeyHash.sha256Hex(code), accountId, callback, challenge, method, limit, now,
                now.plus(CODE_LIFETIME));
        return vertx.executeBlocking(() -> {
            services.store().authCodes().insert(stored);
            return new Issued(code, now);
        }, false);
    }

    private static void verify(AuthCode code, Optional<String> verifier) {
        if (code.challenge().isEmpty()) {
            return;
        }
        String presented = verifier.orElseThrow(() -> ApiException.badRequest("code_verifier: required for this code"));
        String expected = code.challenge().get();
        String computed = "plain".equals(code.challengeMethod().orElse("S256")) ? presented : s256(presented);
        if (!MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(403, "Invalid code_verifier");
        }
    }

    static String s256(String verifier) {
        byte[] digest = KeyHash.sha256(verifier);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Callbacks must be https, or http on the local machine (CLI tools listening on a port). */
    private static String callbackUrl(String url) {
        try {
            URI uri = new URI(url);
            boolean local = "http".equals(uri.getScheme()) && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
            if (!"https".equals(uri.getScheme()) && !local || uri.getHost() == null) {
                throw ApiException.badRequest("callback_url: must be an https URL, or http on localhost/127.0.0.1");
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw ApiException.badRequest("callback_url: not a valid URL");
        }
    }

    /** The client's {@code code_challenge}; a 400 when PKCE is required and there is none. */
    private Optional<String> challenge(Optional<String> challenge) {
        if (requirePkce && challenge.isEmpty()) {
            throw ApiException.badRequest("code_challenge: required; this gateway only issues codes with PKCE "
                    + "(send the S256 hash of a code_verifier, and code_challenge_method S256)");
        }
        return challenge;
    }

    private static Optional<String> method(Optional<String> method, Optional<String> challenge) {
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        String m = method.orElse("S256");
        if (!m.equals("S256") && !m.equals("plain")) {
            throw ApiException.badRequest("code_challenge_method: expected S256 or plain");
        }
        return Optional.of(m);
    }

    private static Optional<Money> limit(JsonNode limit) {
        if (limit == null || limit.isNull()) {
            return Optional.empty();
        }
        if (!limit.isNumber()) {
            throw ApiException.badRequest("limit: expected a non-negative number of USD");
        }
        return Optional.of(ClientNumbers.money(limit, "limit"));
    }

    private static JsonNode json(byte[] bytes) {
        try {
            JsonNode node = Json.parseExact(bytes);
            if (!node.isObject()) {
                throw ApiException.badRequest("Request body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw ApiException.badRequest(field + ": expected a string");
        }
        return Optional.of(value.asString());
    }

    private static Optional<String> first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    private static Future<Void> html(HttpServerRequest request, int status, String page) {
        return request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .putHeader("X-Frame-Options", "DENY")
                .end(Buffer.buffer(page));
    }
}
