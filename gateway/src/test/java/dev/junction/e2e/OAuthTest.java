package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** OAuth PKCE: an app obtains a user-scoped key with S256 or plain, through the API or the consent page. */
class OAuthTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      acme/model:
                        endpoints: [{provider: sim, upstream-model: m}]
                    """);

    private static String admin;

    @BeforeAll
    static void start() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
    }

    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static HttpResponse<String> post(String path, String key, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(path))).header("Content-Type", "application/json");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return gateway.send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String code(String challenge, String method) {
        HttpResponse<String> created = post("/api/v1/auth/keys/code", admin, """
                {"callback_url":"https://app.example/callback","code_challenge":"%s","code_challenge_method":"%s","limit":1}"""
                .formatted(challenge, method));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode data = Json.parse(created.body()).get("data");
        assertThat(data.get("created_at").isString()).isTrue();
        assertThat(data.get("app_id").isIntegralNumber()).isTrue();
        return data.get("id").asString();
    }

    private static boolean keyWorks(String key) {
        return gateway.send(gateway.requestAs("/api/v1/key", key).GET().build()).statusCode() == 200;
    }

    @Test
    void s256CodeIsExchangedOnceForAWorkingKey() throws Exception {
        String verifier = "a-verifier-of-enough-length-0123456789-abcdefghij";
        String code = code(s256(verifier), "S256");
        HttpResponse<String> exchanged = post("/api/v1/auth/keys", null, """
                {"code":"%s","code_verifier":"%s","code_challenge_method":"S256"}""".formatted(code, verifier));
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        JsonNode body = Json.parse(exchanged.body());
        assertThat(body.has("data")).isFalse();
        String key = body.get("key").asString();
        assertThat(body.has("user_id")).isTrue();
        assertThat(keyWorks(key)).isTrue();
        JsonNode keyInfo = Json.parse(gateway.send(gateway.requestAs("/api/v1/key", key).GET().build()).body()).get("data");
        assertThat(keyInfo.get("limit").asInt()).isEqualTo(1);
        assertThat(post("/api/v1/auth/keys", null, """
                {"code":"%s","code_verifier":"%s"}""".formatted(code, verifier)).statusCode()).isEqualTo(403);
    }

    @Test
    void plainChallengeAndWrongVerifier() {
        String code = code("plain-challenge-value", "plain");
        assertThat(post("/api/v1/auth/keys", null, """
                {"code":"%s","code_verifier":"wrong"}""".formatted(code)).statusCode()).isEqualTo(403);
        String again = code("plain-challenge-value", "plain");
        HttpResponse<String> ok = post("/api/v1/auth/keys", null, """
                {"code":"%s","code_verifier":"plain-challenge-value","code_challenge_method":"plain"}""".formatted(again));
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void badRequestsAreRefusedClearly() {
        assertThat(post("/api/v1/auth/keys", null, "{}").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/auth/keys", null, "{\"code\":\"nope\"}").statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/auth/keys/code", admin, "{\"callback_url\":\"http://evil.example/cb\"}").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/auth/keys/code", gateway.key(), "{\"callback_url\":\"https://a.example\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void consentPageApprovesWithAProvisioningKeyAndRedirectsBack() throws Exception {
        String verifier = "another-verifier-0123456789-0123456789-xyz";
        String challenge = s256(verifier);
        HttpResponse<String> page = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url(
                "/auth?callback_url=" + URLEncoder.encode("http://localhost:3000/cb", StandardCharsets.UTF_8)
                        + "&code_challenge=" + challenge + "&code_challenge_method=S256"))).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("Authorise <em>localhost</em>").contains("name=\"key\"");

        String form = "callback_url=" + URLEncoder.encode("http://localhost:3000/cb", StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256&key=";
        HttpResponse<String> refused = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/auth/approve")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + gateway.key())).build());
        assertThat(refused.statusCode()).isEqualTo(403);

        HttpResponse<String> approved = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/auth/approve")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + admin)).build());
        assertThat(approved.statusCode()).isEqualTo(302);
        String location = approved.headers().firstValue("location").orElseThrow();
        assertThat(location).startsWith("http://localhost:3000/cb?code=");
        String code = location.substring(location.indexOf("code=") + 5);
        HttpResponse<String> exchanged = post("/api/v1/auth/keys", null, """
                {"code":"%s","code_verifier":"%s"}""".formatted(code, verifier));
        assertThat(exchanged.statusCode()).isEqualTo(200);
        assertThat(keyWorks(Json.parse(exchanged.body()).get("key").asString())).isTrue();
    }

    @Test
    void pkceIsRequiredByDefault() {
        HttpResponse<String> code = post("/api/v1/auth/keys/code", admin, """
                {"callback_url":"https://app.example/callback","limit":1}""");
        assertThat(code.statusCode()).as(code.body()).isEqualTo(400);
        assertThat(Json.parse(code.body()).path("error").path("message").asString()).startsWith("code_challenge: required");

        HttpResponse<String> page = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url(
                "/auth?callback_url=" + URLEncoder.encode("https://app.example/cb", StandardCharsets.UTF_8)))).GET().build());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(Json.parse(page.body()).path("error").path("message").asString()).startsWith("code_challenge: required");

        HttpResponse<String> approved = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/auth/approve")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("callback_url=" + URLEncoder.encode("https://app.example/cb",
                        StandardCharsets.UTF_8) + "&code_challenge=&key=" + admin)).build());
        assertThat(approved.statusCode()).isEqualTo(400);
        assertThat(approved.headers().firstValue("location")).isEmpty();
    }

    /**
     * With {@code auth.require-pkce: false} a code needs no challenge; once the gateway requires PKCE again, such a
     * code (still in its ten minutes) is refused: it alone does not prove who asked for it.
     */
    @Test
    void pkceCanBeMadeOptionalAndCodesWithoutItDieWithTheOption() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("junction-oauth-");
        try {
            String unexchanged;
            try (TestGateway optional = TestGateway.start("""
                    catalog: {bundled: false}
                    """, Map.of("JUNCTION_AUTH_REQUIRE_PKCE", "false", "JUNCTION_STORAGE_DATA_DIR", data.toString()))) {
                String owner = optional.createKey("owner", KeyKind.PROVISIONING, Optional.empty());
                String code = codeWithoutChallenge(optional, owner);
                HttpResponse<String> exchanged = optional.send(HttpRequest.newBuilder(URI.create(optional.url("/api/v1/auth/keys")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")).build());
                assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
                String key = Json.parse(exchanged.body()).get("key").asString();
                assertThat(optional.send(optional.requestAs("/api/v1/key", key).GET().build()).statusCode()).isEqualTo(200);
                unexchanged = codeWithoutChallenge(optional, owner);
            }
            try (TestGateway required = TestGateway.start("""
                    catalog: {bundled: false}
                    """, Map.of("JUNCTION_STORAGE_DATA_DIR", data.toString()))) {
                HttpResponse<String> refused = required.send(HttpRequest.newBuilder(URI.create(required.url("/api/v1/auth/keys")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + unexchanged + "\"}")).build());
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
                assertThat(Json.parse(refused.body()).path("error").path("message").asString()).contains("without PKCE");
            }
        } finally {
            try (var files = java.nio.file.Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String codeWithoutChallenge(TestGateway on, String owner) {
        HttpResponse<String> created = on.send(on.requestAs("/api/v1/auth/keys/code", owner)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"callback_url\":\"https://app.example/cb\"}")).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return Json.parse(created.body()).path("data").path("id").asString();
    }
}
