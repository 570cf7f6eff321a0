package dev.junction.e2e;

import dev.junction.config.KeyHash;
import dev.junction.keys.KeyKind;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.Poll;
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

/**
 * Guardrails over HTTP, field by field against the SDK's {@code Guardrail} and {@code KeyAssignment}, and their
 * effect on the requests of the keys they govern: providers skipped, models refused, data policy, features and
 * spending held to.
 */
class GuardrailsTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim("ALPHA", dev.junction.sim.SimOptions.defaults())
            .andSim("BETA", dev.junction.sim.SimOptions.defaults())
            .config("""
                    catalog: {bundled: false}
                    providers:
                      alpha: {name: Alpha, base-url: "${ALPHA_URL}"}
                      beta:  {name: Beta,  base-url: "${BETA_URL}", data-policy: {training: false, retains-prompts: false}}
                    models:
                      acme/model:
                        endpoints:
                          - {provider: alpha, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000001"}}
                          - {provider: beta,  upstream-model: m, pricing: {prompt: "0.000003", completion: "0.000003"}}
                      acme/other:
                        endpoints: [{provider: alpha, upstream-model: o, pricing: {prompt: "0.000001", completion: "0.000001"}}]
                    """);

    /** Every field of the SDK's Guardrail (models/guardrail.js, its wire names). */
    private static final List<String> GUARDRAIL_FIELDS = List.of("allowed_data_regions", "allowed_models", "allowed_providers",
            "content_filter_builtins", "content_filters", "created_at", "description", "enable_free_model_publication",
            "enable_free_model_training", "enable_paid_model_training", "enforce_zdr", "enforce_zdr_anthropic",
            "enforce_zdr_google", "enforce_zdr_openai", "enforce_zdr_other", "enforce_zdr_xai", "id", "ignored_models",
            "ignored_providers", "include_byok_in_budgets", "limit_usd", "name", "reset_interval", "updated_at", "workspace_id");
    /** Every field of the SDK's KeyAssignment. */
    private static final List<String> ASSIGNMENT_FIELDS = List.of("assigned_by", "created_at", "guardrail_id", "id", "key_hash",
            "key_label", "key_name");
    private static final String BY_PRICE = """
            {"model":"acme/model","messages":[{"role":"user","content":"hi"}],"provider":{"sort":"price"}}""";

    private static String admin;

    @BeforeAll
    static void start() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
    }

    private static HttpResponse<String> as(String key, String method, String path, String body) {
        return gateway.call(key, method, path, body);
    }

    private static String guardrail(String body) {
        return ok(as(admin, "POST", "/api/v1/guardrails", body), 201).get("data").get("id").asString();
    }

    /** A new standard key governed by the guardrail. */
    private static String governedKey(String guardrailId) {
        String key = gateway.createKey("governed", KeyKind.STANDARD, Optional.empty());
        JsonNode assigned = ok(as(admin, "POST", "/api/v1/guardrails/" + guardrailId + "/assignments/keys",
                "{\"key_hashes\":[\"" + KeyHash.sha256Hex(key) + "\"]}"), 200);
        assertThat(assigned.get("assigned_count").asInt()).isEqualTo(1);
        return key;
    }

    @Test
    void guardrailsAreCreatedReadChangedAndDeletedInTheSdksShape() {
        JsonNode created = ok(as(admin, "POST", "/api/v1/guardrails", """
                {"name":"team-a","description":"for team A","allowed_models":["acme/model"],"ignored_providers":["alpha"],
                 "enforce_zdr":true,"enable_paid_model_training":false,"limit_usd":12.5,"reset_interval":"monthly",
                 "include_byok_in_budgets":true,"allowed_data_regions":null,"max_price":{"prompt":2,"completion":4},
                 "allowed_features":["tools","streaming"]}"""), 201).get("data");
        for (String field : GUARDRAIL_FIELDS) {
            assertThat(created.has(field)).as(field).isTrue();
        }
        String id = created.get("id").asString();
        assertThat(created.get("name").asString()).isEqualTo("team-a");
        assertThat(created.get("description").asString()).isEqualTo("for team A");
        assertThat(created.get("allowed_models").get(0).asString()).isEqualTo("acme/model");
        assertThat(created.get("ignored_providers").get(0).asString()).isEqualTo("alpha");
        assertThat(created.get("allowed_providers").isNull()).isTrue();
        assertThat(created.get("enforce_zdr").asBoolean()).isTrue();
        assertThat(created.get("enforce_zdr_openai").isNull()).isTrue();
        assertThat(created.get("enable_paid_model_training").asBoolean()).isFalse();
        assertThat(created.get("limit_usd").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(created.get("reset_interval").asString()).isEqualTo("monthly");
        assertThat(created.get("include_byok_in_budgets").asBoolean()).isTrue();
        assertThat(created.get("workspace_id").isNull()).isTrue();
        assertThat(created.get("updated_at").isNull()).isTrue();
        assertThat(created.get("max_price").get("completion").decimalValue()).isEqualByComparingTo("4");
        assertThat(created.get("allowed_features").toString()).isEqualTo("[\"tools\",\"streaming\"]");

        assertThat(ok(as(admin, "GET", "/api/v1/guardrails/" + id, null), 200).get("data")).isEqualTo(created);
        JsonNode listed = ok(as(admin, "GET", "/api/v1/guardrails?limit=100", null), 200);
        assertThat(listed.get("total_count").asInt()).isEqualTo(listed.get("data").size());
        assertThat(listed.get("data").findValuesAsString("id")).contains(id);

        JsonNode changed = ok(as(admin, "PATCH", "/api/v1/guardrails/" + id, """
                {"name":"team-a2","ignored_providers":null,"limit_usd":20}"""), 200).get("data");
        assertThat(changed.get("name").asString()).isEqualTo("team-a2");
        assertThat(changed.get("ignored_providers").isNull()).isTrue();
        assertThat(changed.get("limit_usd").decimalValue()).isEqualByComparingTo("20");
        assertThat(changed.get("reset_interval").asString()).as("fields not sent are kept").isEqualTo("monthly");
        assertThat(changed.get("allowed_models").get(0).asString()).isEqualTo("acme/model");
        assertThat(changed.get("updated_at").isString()).isTrue();

        assertThat(ok(as(admin, "DELETE", "/api/v1/guardrails/" + id, null), 200).get("deleted").asBoolean()).isTrue();
        error(as(admin, "GET", "/api/v1/guardrails/" + id, null), 404);
    }

    @Test
    void aDeniedProviderIsSkippedByRoutingAndADeniedModelIsRefusedNamingTheGuardrail() {
        assertThat(Json.parse(gateway.post("/api/v1/chat/completions", BY_PRICE).body()).get("provider").asString())
                .as("ungoverned, the cheaper provider serves").isEqualTo("Alpha");
        String id = guardrail("{\"name\":\"no-alpha\",\"ignored_providers\":[\"Alpha\"],\"ignored_models\":[\"acme/other\"]}");
        String key = governedKey(id);

        long alphaBefore = gateway.sim("ALPHA").stats().count();
        JsonNode served = ok(as(key, "POST", "/api/v1/chat/completions", BY_PRICE), 200);
        assertThat(served.get("provider").asString()).isEqualTo("Beta");
        assertThat(gateway.sim("ALPHA").stats().count()).as("Alpha never called").isEqualTo(alphaBefore);

        JsonNode refused = error(as(key, "POST", "/api/v1/chat/completions", """
                {"model":"acme/other","messages":[{"role":"user","content":"hi"}]}"""), 403);
        assertThat(refused.get("message").asString()).contains("acme/other").contains("no-alpha");
        assertThat(refused.get("metadata").get("guardrail_id").asString()).isEqualTo(id);

        JsonNode fallback = ok(as(key, "POST", "/api/v1/chat/completions", """
                {"models":["acme/other","acme/model"],"messages":[{"role":"user","content":"hi"}]}"""), 200);
        assertThat(fallback.get("model").asString()).as("a denied fallback is dropped, the allowed one serves").isEqualTo("acme/model");
        assertThat(fallback.get("provider").asString()).isEqualTo("Beta");

        JsonNode current = ok(as(key, "GET", "/api/v1/key", null), 200).get("data");
        assertThat(current.get("guardrails").get(0).get("id").asString()).isEqualTo(id);
        assertThat(current.get("guardrails").get(0).get("ignored_providers").get(0).asString()).isEqualTo("Alpha");
    }

    @Test
    void whenAGuardrailLeavesNoEndpointTheRefusalNamesIt() {
        String key = governedKey(guardrail("{\"name\":\"nowhere\",\"allowed_providers\":[\"Gamma\"]}"));
        JsonNode refused = error(as(key, "POST", "/api/v1/chat/completions", BY_PRICE), 404);
        assertThat(refused.get("message").asString()).contains("provider not allowed by guardrail 'nowhere'");
    }

    @Test
    void dataPolicyPricesAndFeaturesAreHeldTo() {
        String zdr = governedKey(guardrail("{\"name\":\"zdr\",\"enforce_zdr\":true}"));
        assertThat(ok(as(zdr, "POST", "/api/v1/chat/completions", BY_PRICE), 200).get("provider").asString()).isEqualTo("Beta");
        String noTraining = governedKey(guardrail("{\"name\":\"no-training\",\"enable_paid_model_training\":false}"));
        assertThat(ok(as(noTraining, "POST", "/api/v1/chat/completions", BY_PRICE), 200).get("provider").asString()).isEqualTo("Beta");
        String cheap = governedKey(guardrail("{\"name\":\"cheap\",\"max_price\":{\"prompt\":2}}"));
        assertThat(ok(as(cheap, "POST", "/api/v1/chat/completions", """
                {"model":"acme/model","messages":[{"role":"user","content":"hi"}],"provider":{"sort":"throughput"}}"""), 200)
                .get("provider").asString()).as("$3 per million is over the maximum").isEqualTo("Alpha");

        String plain = governedKey(guardrail("{\"name\":\"plain\",\"allowed_features\":[\"streaming\"]}"));
        JsonNode refused = error(as(plain, "POST", "/api/v1/chat/completions", """
                {"model":"acme/model","messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}"""), 403);
        assertThat(refused.get("message").asString()).contains("tools").contains("plain");
        ok(as(plain, "POST", "/api/v1/chat/completions", BY_PRICE), 200);
    }

    @Test
    void aGuardrailsSpendingLimitStopsItsKeysOnceReached() {
        String key = governedKey(guardrail("{\"name\":\"tiny\",\"limit_usd\":0.000001,\"reset_interval\":\"daily\"}"));
        // Spending counts once recorded: requests go on being served until the first one is.
        JsonNode refused = Poll.value("the guardrail's limit to be reached", () -> {
            HttpResponse<String> r = as(key, "POST", "/api/v1/chat/completions", BY_PRICE);
            return r.statusCode() == 402 ? Optional.of(Json.parse(r.body()).get("error")) : Optional.empty();
        });
        assertThat(refused.get("message").asString()).contains("spending limit").contains("tiny");
    }

    @Test
    void keyAssignmentsAreListedAndRemoved() {
        String id = guardrail("{\"name\":\"listed\",\"ignored_models\":[\"acme/other\"]}");
        String key = governedKey(id);
        String hash = KeyHash.sha256Hex(key);
        JsonNode page = ok(as(admin, "GET", "/api/v1/guardrails/" + id + "/assignments/keys", null), 200);
        assertThat(page.get("total_count").asInt()).isEqualTo(1);
        JsonNode assignment = page.get("data").get(0);
        for (String field : ASSIGNMENT_FIELDS) {
            assertThat(assignment.has(field)).as(field).isTrue();
        }
        assertThat(assignment.get("key_hash").asString()).isEqualTo(hash);
        assertThat(assignment.get("key_name").asString()).isEqualTo("governed");
        assertThat(assignment.get("guardrail_id").asString()).isEqualTo(id);
        assertThat(assignment.get("assigned_by").asString()).isEqualTo(KeyHash.sha256Hex(admin));
        assertThat(ok(as(admin, "GET", "/api/v1/guardrails/assignments/keys?limit=100", null), 200).get("data")
                .findValuesAsString("key_hash")).contains(hash);
        error(as(key, "POST", "/api/v1/chat/completions", "{\"model\":\"acme/other\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 403);

        assertThat(ok(as(admin, "POST", "/api/v1/guardrails/" + id + "/assignments/keys/remove",
                "{\"key_hashes\":[\"" + hash + "\"]}"), 200).get("unassigned_count").asInt()).isEqualTo(1);
        ok(as(key, "POST", "/api/v1/chat/completions", "{\"model\":\"acme/other\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 200);
    }

    @Test
    void everyChangeIsInTheAuditLog() {
        String id = guardrail("{\"name\":\"audited\"}");
        String key = ok(as(admin, "POST", "/api/v1/keys", "{\"name\":\"audited-key\",\"limit\":1}"), 201).get("key").asString();
        ok(as(admin, "POST", "/api/v1/guardrails/" + id + "/assignments/keys", "{\"key_hashes\":[\"" + KeyHash.sha256Hex(key) + "\"]}"), 200);
        ok(as(admin, "PATCH", "/api/v1/guardrails/" + id, "{\"enforce_zdr\":true}"), 200);
        ok(as(admin, "DELETE", "/api/v1/guardrails/" + id, null), 200);
        JsonNode entries = ok(as(admin, "GET", "/api/v1/audit-log?limit=5", null), 200).get("data");
        assertThat(entries.findValuesAsString("action")).startsWith("delete", "update", "assign_keys", "create");
        JsonNode update = entries.get(1);
        assertThat(update.get("resource_type").asString()).isEqualTo("guardrail");
        assertThat(update.get("resource_id").asString()).isEqualTo(id);
        assertThat(update.get("actor_key_hash").asString()).isEqualTo(KeyHash.sha256Hex(admin));
        assertThat(update.get("details").get("enforce_zdr").asBoolean()).isTrue();
        assertThat(update.get("created_at").isString()).isTrue();
        JsonNode keyCreated = entries.get(3);
        assertThat(keyCreated.get("resource_type").asString()).isEqualTo("key");
        assertThat(keyCreated.get("resource_id").asString()).isEqualTo(KeyHash.sha256Hex(key));
        assertThat(keyCreated.get("details").get("limit").asInt()).isEqualTo(1);
        assertThat(Json.text(entries)).as("no secret in the log").doesNotContain(key);

        long last = entries.get(0).get("id").asLong();
        JsonNode older = ok(as(admin, "GET", "/api/v1/audit-log?limit=2&before=" + last, null), 200);
        assertThat(older.get("data").get(0).get("id").asLong()).isEqualTo(entries.get(1).get("id").asLong());
        assertThat(older.get("next_before").asLong()).isEqualTo(entries.get(2).get("id").asLong());
        error(as(gateway.key(), "GET", "/api/v1/audit-log", null), 403);
    }

    @Test
    void badGuardrailRequestsAre4xxNamingTheField() {
        assertThat(error(as(admin, "POST", "/api/v1/guardrails", "{}"), 400).get("message").asString()).contains("name");
        assertThat(error(as(admin, "POST", "/api/v1/guardrails", "{\"name\":\"x\",\"limit_usd\":5}"), 400)
                .get("message").asString()).contains("reset_interval");
        assertThat(error(as(admin, "POST", "/api/v1/guardrails", "{\"name\":\"x\",\"ignored_provider\":[\"a\"]}"), 400)
                .get("message").asString()).contains("ignored_provider");
        assertThat(error(as(admin, "POST", "/api/v1/guardrails", "{\"name\":\"x\",\"allowed_models\":\"acme/model\"}"), 400)
                .get("message").asString()).contains("allowed_models");
        assertThat(error(as(admin, "POST", "/api/v1/guardrails", "{\"name\":\"x\",\"limit_usd\":-1,\"reset_interval\":\"daily\"}"), 400)
                .get("message").asString()).contains("limit_usd");
        assertThat(error(as(admin, "POST", "/api/v1/guardrails", "{\"name\":\"x\",\"content_filters\":[]}"), 400)
                .get("message").asString()).contains("content_filters");
        assertThat(error(as(admin, "POST", "/api/v1/guardrails", "{\"name\":\"x\",\"allowed_features\":[\"telepathy\"]}"), 400)
                .get("message").asString()).contains("allowed_features");
        error(as(admin, "POST", "/api/v1/guardrails", "{\"name\":"), 400);
        error(as(admin, "GET", "/api/v1/guardrails?limit=0", null), 400);
        String id = guardrail("{\"name\":\"target\"}");
        error(as(admin, "PATCH", "/api/v1/guardrails/" + id, "{\"reset_interval\":\"hourly\"}"), 400);
        error(as(admin, "POST", "/api/v1/guardrails/" + id + "/assignments/keys", "{\"key_hashes\":[\"" + "0".repeat(64) + "\"]}"), 404);
        error(as(admin, "POST", "/api/v1/guardrails/" + id + "/assignments/keys", "{\"key_hashes\":[]}"), 400);
        error(as(admin, "GET", "/api/v1/guardrails/nope", null), 404);
        error(as(gateway.key(), "POST", "/api/v1/guardrails", "{\"name\":\"x\"}"), 403);
    }
}
