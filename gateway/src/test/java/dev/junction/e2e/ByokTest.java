package dev.junction.e2e;

import dev.junction.config.KeyHash;
import dev.junction.keys.KeyKind;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.testing.GatewayExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.junction.testing.JsonAnswers.error;
import static dev.junction.testing.JsonAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's own provider keys: kept encrypted (no byte of the database holds the secret), never shown again,
 * and used for the account's requests to that provider — the upstream receives the account's key, the answer says
 * {@code is_byok}.
 */
class ByokTest {
    private static final String SERVER_KEY = "server-key-of-the-gateway";
    private static final String OWN_KEY = "sk-team-own-key-7f3a9c2e41b8";
    private static final String CONFIG = """
            catalog: {bundled: false}
            providers:
              up:    {name: Up,    base-url: "${UP_URL}", api-key-env: UP_KEY}
              other: {name: Other, base-url: "${UP_URL}"}
            models:
              acme/model:
                endpoints: [{provider: up, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000001"}}]
            """;

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim("UP", SimOptions.defaults().withRequiredApiKey(OWN_KEY))
            .config(CONFIG)
            .env("UP_KEY", SERVER_KEY)
            .env("JUNCTION_BYOK_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    @RegisterExtension
    static final GatewayExtension unconfigured = GatewayExtension.withSim("UP", SimOptions.defaults())
            .config(CONFIG)
            .env("UP_KEY", SERVER_KEY);

    /** Every field of the SDK's BYOKKey. */
    private static final List<String> FIELDS = List.of("allowed_api_key_hashes", "allowed_models", "allowed_user_ids",
            "created_at", "declared_zdr", "disabled", "id", "is_byok_only", "is_fallback", "is_required", "label", "name",
            "provider", "sort_order", "workspace_id");
    private static final String CHAT = "{\"model\":\"acme/model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String admin;

    @BeforeAll
    static void start() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
    }

    private static HttpResponse<String> as(String key, String method, String path, String body) {
        return gateway.call(key, method, path, body);
    }

    /** Whether the upstream's last request carried the account's own key: the sim checks it (and records no key). */
    private static boolean upstreamGotOwnKey() {
        SimRequestRecord last = gateway.sim("UP").stats().last().orElseThrow();
        return last.authorized();
    }

    @Test
    void theAccountsOwnKeyIsStoredSealedAndUsedForItsRequests() throws IOException {
        String user = gateway.createKey("user", KeyKind.STANDARD, Optional.empty());
        assertThat(as(user, "POST", "/api/v1/chat/completions", CHAT).statusCode()).as("the sim takes only the team's key")
                .isNotEqualTo(200);
        assertThat(upstreamGotOwnKey()).as("the gateway's own key went upstream").isFalse();

        HttpResponse<String> created = as(admin, "POST", "/api/v1/byok", """
                {"provider":"up","key":"%s","name":"team key"}""".formatted(OWN_KEY));
        JsonNode entry = ok(created, 201).get("data");
        for (String field : FIELDS) {
            assertThat(entry.has(field)).as(field).isTrue();
        }
        assertThat(created.body()).doesNotContain(OWN_KEY);
        assertThat(entry.get("label").asString()).startsWith("sk-t").endsWith("1b8");
        assertThat(entry.get("provider").asString()).isEqualTo("up");
        assertThat(entry.get("disabled").asBoolean()).isFalse();
        String id = entry.get("id").asString();
        assertThat(as(admin, "GET", "/api/v1/byok/" + id, null).body()).doesNotContain(OWN_KEY);
        HttpResponse<String> listed = as(admin, "GET", "/api/v1/byok", null);
        assertThat(listed.body()).doesNotContain(OWN_KEY).contains(id);
        JsonNode list = ok(listed, 200);
        assertThat(list.get("total_count").asInt()).isEqualTo(1);
        assertThat(list.get("data").get(0)).isEqualTo(entry);
        assertThat(as(admin, "GET", "/api/v1/audit-log", null).body()).contains(id).doesNotContain(OWN_KEY);

        JsonNode served = ok(as(user, "POST", "/api/v1/chat/completions", CHAT), 200);
        assertThat(upstreamGotOwnKey()).as("the upstream got the account's key").isTrue();
        assertThat(served.get("usage").get("is_byok").asBoolean()).isTrue();

        assertThat(databaseHolds(OWN_KEY)).as("the secret in clear anywhere in the database's files").isFalse();

        ok(as(admin, "PATCH", "/api/v1/byok/" + id, "{\"disabled\":true}"), 200);
        as(user, "POST", "/api/v1/chat/completions", CHAT);
        assertThat(upstreamGotOwnKey()).as("a disabled entry is not used").isFalse();
        ok(as(admin, "PATCH", "/api/v1/byok/" + id, "{\"disabled\":false,\"allowed_api_key_hashes\":[\"" + KeyHash.sha256Hex(admin) + "\"]}"), 200);
        as(user, "POST", "/api/v1/chat/completions", CHAT);
        assertThat(upstreamGotOwnKey()).as("only the keys it allows use it").isFalse();

        assertThat(ok(as(admin, "DELETE", "/api/v1/byok/" + id, null), 200).get("deleted").asBoolean()).isTrue();
        error(as(admin, "GET", "/api/v1/byok/" + id, null), 404);
    }

    @Test
    void withoutAnEncryptionKeyNoEntryIsMade() {
        String unconfiguredAdmin = unconfigured.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        JsonNode refused = error(unconfigured.call(unconfiguredAdmin, "POST", "/api/v1/byok",
                "{\"provider\":\"up\",\"key\":\"" + OWN_KEY + "\"}"), 503);
        assertThat(refused.get("message").asString()).contains("byok.encryption-key").contains("JUNCTION_BYOK_ENCRYPTION_KEY");
    }

    @Test
    void badEntriesAre4xx() {
        assertThat(error(as(admin, "POST", "/api/v1/byok", "{\"provider\":\"nowhere\",\"key\":\"k\"}"), 400)
                .get("message").asString()).contains("nowhere");
        error(as(admin, "POST", "/api/v1/byok", "{\"provider\":\"up\"}"), 400);
        error(as(admin, "POST", "/api/v1/byok", "{\"provider\":\"up\",\"key\":\"k\",\"disabled\":\"yes\"}"), 400);
        error(as(admin, "POST", "/api/v1/byok", "{\"provider\":\"up\",\"key\":\"k\",\"secret\":\"k\"}"), 400);
        error(as(admin, "GET", "/api/v1/byok/nope", null), 404);
        error(as(gateway.key(), "GET", "/api/v1/byok", null), 403);
    }

    private static boolean databaseHolds(String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        Path dir = gateway.gateway().dataDir();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(Files.readAllBytes(file), needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
