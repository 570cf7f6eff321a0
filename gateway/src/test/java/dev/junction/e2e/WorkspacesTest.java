package dev.junction.e2e;

import dev.junction.config.KeyHash;
import dev.junction.keys.KeyKind;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static dev.junction.testing.JsonAnswers.error;
import static dev.junction.testing.JsonAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspaces over HTTP, field by field against the SDK's {@code Workspace} and {@code WorkspaceBudget}, keys made in
 * them, and their budgets held exactly like credits on one instance: a spent budget refuses with 402 naming it, a
 * raised one serves again, another workspace's keys are untouched, and 300 concurrent requests never overspend.
 */
class WorkspacesTest {
    /** Each request costs exactly what is held for it: no prompt price, and the sim's 3-token reply cut to 2 tokens. */
    private static final String CHAT = """
            {"model":"acme/model","max_tokens":2,"messages":[{"role":"user","content":"one two three"}]}""";
    private static final BigDecimal COST = new BigDecimal("0.002");

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(dev.junction.sim.SimOptions.defaults().withDefaultScript(dev.junction.sim.SimScript.empty().withTtftMs(20)))
            .config("""
                    catalog: {bundled: false}
                    limits: {key-default: none}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      acme/model:
                        endpoints: [{provider: sim, upstream-model: m, pricing: {prompt: "0", completion: "0.001"}}]
                    """);

    /** Every field of the SDK's Workspace (models/workspace.js, its wire names). */
    private static final List<String> WORKSPACE_FIELDS = List.of("created_at", "created_by", "default_guardrail_id",
            "default_image_model", "default_provider_sort", "default_text_model", "description", "disabled_server_tools", "id",
            "include_byok_in_budgets", "io_logging_api_key_ids", "io_logging_sampling_rate", "is_data_discount_logging_enabled",
            "is_observability_broadcast_enabled", "is_observability_io_logging_enabled", "name", "slug", "updated_at");
    /** Every field of the SDK's WorkspaceBudget. */
    private static final List<String> BUDGET_FIELDS = List.of("created_at", "id", "limit_usd", "reset_interval", "updated_at",
            "workspace_id");

    private static String admin;

    @BeforeAll
    static void start() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
    }

    private static HttpResponse<String> as(String key, String method, String path, String body) {
        return gateway.call(key, method, path, body);
    }

    private static String workspace(String slug) {
        return ok(as(admin, "POST", "/api/v1/workspaces", "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\"}"), 201)
                .get("data").get("id").asString();
    }

    /** A new standard key spending in the workspace. */
    private static String keyIn(String workspaceRef) {
        return ok(as(admin, "POST", "/api/v1/keys", "{\"name\":\"member\",\"workspace_id\":\"" + workspaceRef + "\"}"), 201)
                .get("key").asString();
    }

    private static HttpResponse<String> chat(String key) {
        return as(key, "POST", "/api/v1/chat/completions", CHAT);
    }

    @Test
    void workspacesAreCreatedReadChangedAndDeletedInTheSdksShape() {
        JsonNode created = ok(as(admin, "POST", "/api/v1/workspaces", """
                {"name":"Team A","slug":"team-a","description":"for team A","default_text_model":"acme/model",
                 "default_provider_sort":"price","is_observability_broadcast_enabled":false,"disabled_server_tools":[]}"""),
                201).get("data");
        for (String field : WORKSPACE_FIELDS) {
            assertThat(created.has(field)).as(field).isTrue();
        }
        String id = created.get("id").asString();
        assertThat(created.get("name").asString()).isEqualTo("Team A");
        assertThat(created.get("slug").asString()).isEqualTo("team-a");
        assertThat(created.get("description").asString()).isEqualTo("for team A");
        assertThat(created.get("default_text_model").asString()).isEqualTo("acme/model");
        assertThat(created.get("default_provider_sort").asString()).isEqualTo("price");
        assertThat(created.get("default_image_model").isNull()).isTrue();
        assertThat(created.get("include_byok_in_budgets").asBoolean()).isFalse();
        assertThat(created.get("io_logging_sampling_rate").asInt()).isEqualTo(1);
        assertThat(created.get("is_observability_io_logging_enabled").asBoolean()).isFalse();
        assertThat(created.get("default_guardrail_id").isString()).isTrue();
        assertThat(created.get("created_by").isNull()).isTrue();
        assertThat(created.get("updated_at").isNull()).isTrue();
        assertThat(created.get("is_default").asBoolean()).isFalse();

        assertThat(ok(as(admin, "GET", "/api/v1/workspaces/" + id, null), 200).get("data")).isEqualTo(created);
        assertThat(ok(as(admin, "GET", "/api/v1/workspaces/team-a", null), 200).get("data")).as("by slug").isEqualTo(created);
        JsonNode listed = ok(as(admin, "GET", "/api/v1/workspaces?limit=100", null), 200);
        assertThat(listed.get("total_count").asInt()).isEqualTo(listed.get("data").size());
        assertThat(listed.get("data").findValuesAsString("id")).contains(id);
        JsonNode first = listed.get("data").get(0);
        assertThat(first.get("is_default").asBoolean()).as("the default workspace comes first").isTrue();
        assertThat(first.get("slug").asString()).isEqualTo("default");

        JsonNode changed = ok(as(admin, "PATCH", "/api/v1/workspaces/team-a", """
                {"name":"Team A2","slug":"team-a2","description":null}"""), 200).get("data");
        assertThat(changed.get("name").asString()).isEqualTo("Team A2");
        assertThat(changed.get("slug").asString()).isEqualTo("team-a2");
        assertThat(changed.get("description").isNull()).isTrue();
        assertThat(changed.get("default_text_model").asString()).as("fields not sent are kept").isEqualTo("acme/model");
        assertThat(changed.get("updated_at").isString()).isTrue();

        assertThat(ok(as(admin, "DELETE", "/api/v1/workspaces/" + id, null), 200).get("deleted").asBoolean()).isTrue();
        error(as(admin, "GET", "/api/v1/workspaces/" + id, null), 404);
        JsonNode audit = ok(as(admin, "GET", "/api/v1/audit-log?limit=100", null), 200).get("data");
        assertThat(audit.findValuesAsString("resource_id").stream().filter(id::equals)).as("create, update, delete").hasSize(3);
    }

    @Test
    void budgetsAreSetReadAndDeletedInTheSdksShape() {
        String id = workspace("budgeted");
        JsonNode set = ok(as(admin, "PUT", "/api/v1/workspaces/budgeted/budgets/monthly",
                "{\"limit_usd\":12.5,\"include_byok_in_budgets\":true}"), 200);
        JsonNode budget = set.get("data");
        for (String field : BUDGET_FIELDS) {
            assertThat(budget.has(field)).as(field).isTrue();
        }
        assertThat(set.get("include_byok_in_budgets").asBoolean()).isTrue();
        assertThat(budget.get("workspace_id").asString()).isEqualTo(id);
        assertThat(budget.get("limit_usd").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(budget.get("reset_interval").asString()).isEqualTo("monthly");
        JsonNode lifetime = ok(as(admin, "PUT", "/api/v1/workspaces/" + id + "/budgets/lifetime", "{\"limit_usd\":100}"), 200);
        assertThat(lifetime.get("data").get("reset_interval").isNull()).as("a lifetime budget has no reset").isTrue();
        assertThat(lifetime.get("include_byok_in_budgets").asBoolean()).as("left as it was").isTrue();

        JsonNode raised = ok(as(admin, "PUT", "/api/v1/workspaces/budgeted/budgets/monthly", "{\"limit_usd\":20}"), 200).get("data");
        assertThat(raised.get("id").asString()).as("the same budget").isEqualTo(budget.get("id").asString());
        assertThat(raised.get("limit_usd").decimalValue()).isEqualByComparingTo("20");

        JsonNode listed = ok(as(admin, "GET", "/api/v1/workspaces/budgeted/budgets", null), 200);
        assertThat(listed.get("include_byok_in_budgets").asBoolean()).isTrue();
        assertThat(listed.get("data").findValuesAsString("limit_usd")).hasSize(2);
        assertThat(listed.get("data").get(0).get("reset_interval").asString()).isEqualTo("monthly");
        assertThat(ok(as(admin, "GET", "/api/v1/workspaces/budgeted/budgets/monthly", null), 200).get("data")).isEqualTo(raised);
        assertThat(ok(as(admin, "GET", "/api/v1/workspaces/budgeted", null), 200).get("data").get("include_byok_in_budgets")
                .asBoolean()).isTrue();

        assertThat(ok(as(admin, "DELETE", "/api/v1/workspaces/budgeted/budgets/monthly", null), 200).get("deleted").asBoolean()).isTrue();
        assertThat(ok(as(admin, "DELETE", "/api/v1/workspaces/budgeted/budgets/monthly", null), 200).get("deleted").asBoolean())
                .as("deleted, or there was none").isTrue();
        error(as(admin, "GET", "/api/v1/workspaces/budgeted/budgets/monthly", null), 404);
        assertThat(ok(as(admin, "GET", "/api/v1/workspaces/budgeted/budgets", null), 200).get("data")).hasSize(1);
    }

    @Test
    void badInputIsA400NamingTheFieldAndUnknownWorkspacesAre404() {
        assertThat(error(as(admin, "POST", "/api/v1/workspaces", "{\"name\":\"x\",\"slug\":\"Bad Slug\"}"), 400)
                .get("message").asString()).contains("slug");
        assertThat(error(as(admin, "POST", "/api/v1/workspaces", "{\"name\":\"x\",\"slug\":\"a--b\"}"), 400)
                .get("message").asString()).contains("slug");
        assertThat(error(as(admin, "POST", "/api/v1/workspaces", "{\"name\":\"x\"}"), 400).get("message").asString()).contains("slug");
        assertThat(error(as(admin, "POST", "/api/v1/workspaces", "{\"slug\":\"x\"}"), 400).get("message").asString()).contains("name");
        assertThat(error(as(admin, "POST", "/api/v1/workspaces", "{\"name\":\"x\",\"slug\":\"x\",\"io_logging_api_key_ids\":[1]}"), 400)
                .get("message").asString()).contains("io_logging_api_key_ids");
        assertThat(error(as(admin, "POST", "/api/v1/workspaces", "{\"name\":\"x\",\"slug\":\"x\",\"colour\":\"red\"}"), 400)
                .get("message").asString()).contains("colour");
        assertThat(error(as(admin, "POST", "/api/v1/workspaces", "{\"name\":\"Default\",\"slug\":\"default\"}"), 400)
                .get("message").asString()).as("the default workspace's slug is taken").contains("slug");
        workspace("bad-input");
        for (String body : List.of("{\"limit_usd\":0}", "{\"limit_usd\":-1}", "{\"limit_usd\":\"5\"}", "{}",
                "{\"limit_usd\":1e400}", "{\"limit_usd\":5,\"include_byok_in_budgets\":\"yes\"}", "{\"limit_usd\":5,\"other\":1}")) {
            JsonNode refused = error(as(admin, "PUT", "/api/v1/workspaces/bad-input/budgets/daily", body), 400);
            assertThat(refused.get("message").asString()).as(body).containsAnyOf("limit_usd", "include_byok_in_budgets", "other");
        }
        assertThat(error(as(admin, "PUT", "/api/v1/workspaces/bad-input/budgets/yearly", "{\"limit_usd\":5}"), 400)
                .get("message").asString()).contains("interval");
        error(as(admin, "GET", "/api/v1/workspaces/bad-input/budgets/hourly", null), 400);
        error(as(admin, "PUT", "/api/v1/workspaces/no-such-workspace/budgets/daily", "{\"limit_usd\":5}"), 404);
        error(as(admin, "GET", "/api/v1/workspaces/no-such-workspace/budgets", null), 404);
        error(as(admin, "PATCH", "/api/v1/workspaces/no-such-workspace", "{\"name\":\"x\"}"), 404);
        error(as(admin, "DELETE", "/api/v1/workspaces/no-such-workspace", null), 404);
        assertThat(error(as(admin, "POST", "/api/v1/keys", "{\"name\":\"k\",\"workspace_id\":\"no-such-workspace\"}"), 400)
                .get("message").asString()).contains("workspace_id");
        error(as(admin, "GET", "/api/v1/keys?workspace_id=no-such-workspace", null), 400);
        error(as(gateway.key(), "GET", "/api/v1/workspaces", null), 403);
    }

    @Test
    void keysShowTheirWorkspaceAndTheDefaultOrANonEmptyWorkspaceIsNotDeleted() {
        String id = workspace("with-keys");
        String key = keyIn("with-keys");
        String hash = KeyHash.sha256Hex(key);
        String defaultId = ok(as(admin, "GET", "/api/v1/workspaces/default", null), 200).get("data").get("id").asString();

        assertThat(ok(as(admin, "GET", "/api/v1/keys/" + hash, null), 200).get("data").get("workspace_id").asString()).isEqualTo(id);
        assertThat(ok(as(key, "GET", "/api/v1/key", null), 200).get("data").get("workspace_id").asString()).isEqualTo(id);
        JsonNode inWorkspace = ok(as(admin, "GET", "/api/v1/keys?workspace_id=" + id, null), 200).get("data");
        assertThat(inWorkspace.findValuesAsString("hash")).containsExactly(hash);
        assertThat(ok(as(admin, "GET", "/api/v1/keys?workspace_id=default", null), 200).get("data").findValuesAsString("hash"))
                .doesNotContain(hash).contains(KeyHash.sha256Hex(admin));
        assertThat(ok(as(gateway.key(), "GET", "/api/v1/key", null), 200).get("data").get("workspace_id").asString())
                .as("a key made without a workspace spends in the default one").isEqualTo(defaultId);

        JsonNode served = ok(chat(key), 200);
        JsonNode generation = ok(as(key, "GET", "/api/v1/generation?id=" + served.get("id").asString(), null), 200).get("data");
        assertThat(generation.get("workspace_id").asString()).isEqualTo(id);

        assertThat(error(as(admin, "DELETE", "/api/v1/workspaces/with-keys", null), 400).get("message").asString()).contains("keys");
        assertThat(error(as(admin, "DELETE", "/api/v1/workspaces/default?confirm_default_workspace_deletion=true", null), 400)
                .get("message").asString()).contains("default");
        ok(as(admin, "DELETE", "/api/v1/keys/" + hash, null), 200);
        assertThat(ok(as(admin, "DELETE", "/api/v1/workspaces/with-keys", null), 200).get("deleted").asBoolean()).isTrue();
    }

    @Test
    void aSpentBudgetRefusesWith402UntilRaisedAndOtherWorkspacesAreUntouched() {
        String id = workspace("small");
        workspace("elsewhere");
        String key = keyIn("small");
        String other = keyIn("elsewhere");
        ok(as(admin, "PUT", "/api/v1/workspaces/small/budgets/daily", "{\"limit_usd\":0.004}"), 200);

        ok(chat(key), 200);
        ok(chat(key), 200);
        JsonNode refused = error(chat(key), 402);
        assertThat(refused.get("message").asString()).contains("Workspace budget exceeded").contains(id).contains("daily");
        ok(chat(other), 200);

        ok(as(admin, "PUT", "/api/v1/workspaces/small/budgets/daily", "{\"limit_usd\":0.006}"), 200);
        ok(chat(key), 200);
        error(chat(key), 402);
        ok(as(admin, "DELETE", "/api/v1/workspaces/small/budgets/daily", null), 200);
        ok(chat(key), 200);
    }

    @Test
    void concurrentRequestsNeverSpendPastTheWorkspacesBudget() {
        int covered = 10;
        BigDecimal budget = COST.multiply(BigDecimal.valueOf(covered));
        String id = workspace("race");
        ok(as(admin, "PUT", "/api/v1/workspaces/race/budgets/lifetime", "{\"limit_usd\":" + budget.toPlainString() + "}"), 200);
        List<String> keys = List.of(keyIn("race"), keyIn("race"), keyIn("race"));
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        BigDecimal settled = BigDecimal.ZERO;
        int served = 0;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 300; i++) {
                inFlight.add(client.sendAsync(gateway.requestAs("/api/v1/chat/completions", keys.get(i % keys.size()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                HttpResponse<String> response = f.join();
                JsonNode json = Json.parse(response.body());
                if (response.statusCode() == 200) {
                    served++;
                    settled = settled.add(json.get("usage").get("cost").decimalValue());
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(402);
                    assertThat(json.get("error").get("message").asString()).contains("Workspace budget exceeded");
                }
            }
        }
        assertThat(served).as("each request costs exactly its hold, so the budget serves exactly its share").isEqualTo(covered);
        assertThat(settled).isEqualByComparingTo(budget);

        gateway.junction().services().store().recorder().flush();
        BigDecimal recorded = BigDecimal.ZERO;
        for (String key : keys) {
            recorded = recorded.add(ok(as(admin, "GET", "/api/v1/keys/" + KeyHash.sha256Hex(key), null), 200)
                    .get("data").get("usage").decimalValue());
        }
        assertThat(recorded).as("what the keys' books say").isEqualByComparingTo(settled);
        assertThat(gateway.junction().services().store().usage()
                .workspaceUsage(gateway.junction().services().keys().find(KeyHash.sha256Hex(keys.getFirst())).orElseThrow().accountId(),
                        id, java.time.LocalDate.now(java.time.ZoneOffset.UTC)).total().toUsd())
                .as("what the store records for the workspace").isEqualByComparingTo(settled);
        error(chat(keys.getFirst()), 402);
    }
}
