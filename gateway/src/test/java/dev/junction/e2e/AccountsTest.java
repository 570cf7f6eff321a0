package dev.junction.e2e;

import dev.junction.money.Money;
import dev.junction.keys.KeyKind;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static dev.junction.testing.JsonAnswers.error;
import static dev.junction.testing.JsonAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** Keys, provisioning keys, credits and the account endpoints, field by field against the SDK's schemas. */
class AccountsTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      acme/model:
                        endpoints: [{provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                    """);

    private static String admin;

    @BeforeAll
    static void start() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
    }

    private static HttpResponse<String> as(String key, String method, String path, String body) {
        return gateway.call(key, method, path, body);
    }

    private static String chat(String key) {
        return as(key, "POST", "/api/v1/chat/completions", """
                {"model":"acme/model","messages":[{"role":"user","content":"one two three"}]}""").body();
    }

    private static final List<String> KEY_FIELDS = List.of("hash", "name", "label", "disabled", "limit", "limit_remaining",
            "limit_reset", "include_byok_in_limit", "usage", "usage_daily", "usage_weekly", "usage_monthly", "byok_usage",
            "byok_usage_daily", "byok_usage_weekly", "byok_usage_monthly", "created_at", "updated_at", "creator_user_id",
            "external_user", "workspace_id");

    @Test
    void currentKeyHasEveryFieldTheSdkRequires() {
        JsonNode data = ok(gateway.get("/api/v1/key"), 200).get("data");
        for (String field : List.of("label", "limit", "limit_remaining", "limit_reset", "usage", "usage_daily", "usage_weekly",
                "usage_monthly", "byok_usage", "byok_usage_daily", "byok_usage_weekly", "byok_usage_monthly", "is_free_tier",
                "is_provisioning_key", "is_management_key", "include_byok_in_limit", "rate_limit", "allowed_data_regions",
                "creator_user_id", "free_model_daily_requests", "organization_id", "workspace_id")) {
            assertThat(data.has(field)).as(field).isTrue();
        }
        assertThat(data.get("is_provisioning_key").asBoolean()).isFalse();
        assertThat(data.get("rate_limit").get("requests").asInt()).isEqualTo(-1);
        assertThat(ok(gateway.send(gateway.requestAs("/api/v1/auth/key", admin).GET().build()), 200)
                .get("data").get("is_provisioning_key").asBoolean()).isTrue();
    }

    @Test
    void provisioningKeyCreatesListsGetsUpdatesAndDeletesKeys() {
        JsonNode created = ok(as(admin, "POST", "/api/v1/keys", """
                {"name":"app","limit":5,"limit_reset":"monthly"}"""), 201);
        String secret = created.get("key").asString();
        JsonNode data = created.get("data");
        for (String field : KEY_FIELDS) {
            assertThat(data.has(field)).as(field).isTrue();
        }
        String hash = data.get("hash").asString();
        assertThat(secret).startsWith("sk-jn-v1-");
        assertThat(data.get("label").asString()).startsWith("sk-jn-v1-").contains("...").doesNotContain(secret.substring(20));
        assertThat(data.get("limit").asInt()).isEqualTo(5);
        assertThat(data.get("limit_reset").asString()).isEqualTo("monthly");
        assertThat(data.get("workspace_id").isString()).isTrue();

        assertThat(Json.parse(chat(secret)).get("usage").get("cost").decimalValue()).isPositive();
        JsonNode fetched = ok(as(admin, "GET", "/api/v1/keys/" + hash, null), 200).get("data");
        assertThat(fetched.get("usage").decimalValue()).isEqualByComparingTo("0.000009");
        assertThat(fetched.get("limit_remaining").decimalValue()).isEqualByComparingTo("4.999991");

        JsonNode listed = ok(as(admin, "GET", "/api/v1/keys", null), 200);
        assertThat(listed.get("data").findValuesAsString("hash")).contains(hash);

        JsonNode updated = ok(as(admin, "PATCH", "/api/v1/keys/" + hash, """
                {"name":"renamed","limit":null,"disabled":true}"""), 200).get("data");
        assertThat(updated.get("name").asString()).isEqualTo("renamed");
        assertThat(updated.get("limit").isNull()).isTrue();
        assertThat(updated.get("disabled").asBoolean()).isTrue();
        assertThat(updated.get("updated_at").isString()).isTrue();
        error(as(secret, "POST", "/api/v1/chat/completions", "{}"), 401);
        assertThat(ok(as(admin, "GET", "/api/v1/keys", null), 200).get("data").findValuesAsString("hash")).doesNotContain(hash);
        assertThat(ok(as(admin, "GET", "/api/v1/keys?include_disabled=true", null), 200).get("data").findValuesAsString("hash")).contains(hash);

        JsonNode deleted = ok(as(admin, "DELETE", "/api/v1/keys/" + hash, null), 200);
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        error(as(admin, "GET", "/api/v1/keys/" + hash, null), 404);
    }

    @Test
    void keysOfTheWrongKindAreRefused() {
        error(as(gateway.key(), "GET", "/api/v1/keys", null), 403);
        error(as(gateway.key(), "POST", "/api/v1/keys", "{\"name\":\"x\"}"), 403);
        JsonNode e = error(as(admin, "POST", "/api/v1/chat/completions", """
                {"model":"acme/model","messages":[{"role":"user","content":"hi"}]}"""), 403);
        assertThat(e.get("message").asString()).contains("Provisioning keys");
        error(as("sk-jn-v1-" + "f".repeat(64), "GET", "/api/v1/key", null), 401);
    }

    @Test
    void badKeyRequestsAre400And404() {
        assertThat(error(as(admin, "POST", "/api/v1/keys", "{\"limit\":5}"), 400).get("message").asString()).contains("name: required");
        assertThat(error(as(admin, "POST", "/api/v1/keys", "{\"name\":\"x\",\"limit\":\"lots\"}"), 400).get("message").asString())
                .contains("limit: expected a number");
        assertThat(error(as(admin, "POST", "/api/v1/keys", "{\"name\":\"x\",\"limit\":-1}"), 400).get("message").asString())
                .contains("limit: must not be negative");
        assertThat(error(as(admin, "POST", "/api/v1/keys", "{\"name\":\"x\",\"limit_reset\":\"hourly\"}"), 400).get("message").asString())
                .contains("limit_reset");
        error(as(admin, "POST", "/api/v1/keys", "{\"name\":"), 400);
        error(as(admin, "GET", "/api/v1/keys/" + "0".repeat(64), null), 404);
        error(as(admin, "PATCH", "/api/v1/keys/" + "0".repeat(64), "{\"disabled\":true}"), 404);
        error(as(admin, "DELETE", "/api/v1/keys/nothing", null), 404);
        error(as(admin, "GET", "/api/v1/keys?offset=-3", null), 400);
    }

    @Test
    void creditsAreGrantedAndUsageCounted() {
        JsonNode before = ok(as(admin, "GET", "/api/v1/credits", null), 200).get("data");
        ok(as(admin, "POST", "/api/v1/credits", "{\"amount\":2.5}"), 200);
        chat(gateway.key());
        JsonNode after = ok(as(admin, "GET", "/api/v1/credits", null), 200).get("data");
        assertThat(after.get("total_credits").decimalValue().subtract(before.get("total_credits").decimalValue()))
                .isEqualByComparingTo("2.5");
        assertThat(after.get("total_usage").decimalValue().subtract(before.get("total_usage").decimalValue()))
                .isEqualByComparingTo("0.000009");
        error(as(admin, "POST", "/api/v1/credits", "{\"amount\":0}"), 400);
        error(as(gateway.key(), "POST", "/api/v1/credits", "{\"amount\":1}"), 403);
    }

    @Test
    void generationsAreVisibleOnlyToTheirKeyAndItsAccountsProvisioningKey() {
        String id = Json.parse(chat(gateway.key())).get("id").asString();
        String other = gateway.createKey("other", KeyKind.STANDARD, Optional.of(Money.ofUsd("1")));
        error(as(other, "GET", "/api/v1/generation?id=" + id, null), 404);
        assertThat(ok(as(admin, "GET", "/api/v1/generation?id=" + id, null), 200).get("data").get("id").asString()).isEqualTo(id);
    }
}
