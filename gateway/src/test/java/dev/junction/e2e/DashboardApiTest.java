package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints the dashboard reads, over HTTP: the generations listing ({@code /generation}'s rules: the account for
 * a provisioning key, its own for a standard key), the usage series with today so far, and the catalog's health.
 */
class DashboardApiTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                      keyless: {name: Keyless, base-url: "http://127.0.0.1:9/v1", api-key-env: DASHBOARD_TEST_MISSING_KEY}
                    models:
                      acme/a:
                        endpoints: [{provider: sim, upstream-model: a, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                      acme/b:
                        endpoints:
                          - {provider: sim, upstream-model: b, pricing: {prompt: "0.000001", completion: "0.000002"}}
                          - {provider: keyless, upstream-model: b}
                    """);

    private static String admin;
    private static String alice;
    private static String bob;
    private static final List<String> aliceIds = new ArrayList<>();
    private static String bobId;

    @BeforeAll
    static void traffic() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        alice = gateway.createKey("alice", KeyKind.STANDARD, Optional.empty());
        bob = gateway.createKey("bob", KeyKind.STANDARD, Optional.empty());
        for (int i = 0; i < 3; i++) {
            aliceIds.add(chat(alice, "acme/a"));
        }
        bobId = chat(bob, "acme/b");
    }

    private static String chat(String key, String model) {
        HttpResponse<String> r = gateway.send(gateway.requestAs("/api/v1/chat/completions", key)
                .header("Content-Type", "application/json").header("X-Title", "Test App")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"one two\"}]}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body()).get("id").asString();
    }

    private static HttpResponse<String> get(String path, String key) {
        return gateway.send(gateway.requestAs(path, key).GET().build());
    }

    private static JsonNode json(String path, String key) {
        HttpResponse<String> r = get(path, key);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("data").forEach(g -> ids.add(g.get("id").asString()));
        return ids;
    }

    @Test
    void aProvisioningKeyPagesThroughItsAccountsGenerationsNewestFirst() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json("/api/v1/generations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin);
            seen.addAll(ids(page));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        } while (cursor != null);
        assertThat(seen).containsSubsequence(bobId, aliceIds.get(2), aliceIds.get(1), aliceIds.get(0)).doesNotHaveDuplicates();
        JsonNode first = json("/api/v1/generations?limit=1&model=acme/b", admin).get("data").get(0);
        assertThat(first.get("id").asString()).isEqualTo(bobId);
        assertThat(first.get("model").asString()).isEqualTo("acme/b");
        assertThat(first.get("provider_name").asString()).isEqualTo("Sim");
        assertThat(first.get("app_name").asString()).isEqualTo("Test App");
        assertThat(first.get("provider_responses")).hasSize(1);
        assertThat(first.has("key_hash")).isTrue();
        assertThat(ids(json("/api/v1/generations?key=" + first.get("key_hash").asString(), admin))).containsExactly(bobId);
    }

    @Test
    void aStandardKeyListsOnlyItsOwnGenerationsEvenOnceTheyAreStored() {
        assertThat(ids(json("/api/v1/generations", alice))).containsExactlyElementsOf(aliceIds.reversed());
        gateway.junction().services().store().recorder().flush();
        assertThat(ids(json("/api/v1/generations", alice))).containsExactlyElementsOf(aliceIds.reversed());
        assertThat(ids(json("/api/v1/generations?status=success&cancelled=false", bob))).containsExactly(bobId);
        assertThat(ids(json("/api/v1/generations?status=error", bob))).isEmpty();
        String bobHash = json("/api/v1/generations", bob).get("data").get(0).get("key_hash").asString();
        assertThat(get("/api/v1/generations?key=" + bobHash, alice).statusCode()).isEqualTo(403);
    }

    @Test
    void malformedListingParametersAreNamedIn400s() {
        for (String[] bad : new String[][]{{"limit=0", "limit"}, {"limit=x", "limit"}, {"status=maybe", "status"},
                {"cancelled=yes", "cancelled"}, {"from=yesterday", "from"}, {"cursor=@@", "cursor"}}) {
            HttpResponse<String> r = get("/api/v1/generations?" + bad[0], admin);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(Json.parse(r.body()).get("error").get("message").asString()).startsWith(bad[1] + ":");
        }
        assertThat(get("/api/v1/generations", "sk-jn-v1-nope").statusCode()).isEqualTo(401);
    }

    @Test
    void theUsageSeriesHasTodaySoFarSplitByKeyOrApp() {
        gateway.junction().services().store().recorder().flush();
        JsonNode days = json("/api/v1/activity/series?interval=day&group_by=key", admin);
        assertThat(days.get("buckets")).hasSize(30);
        String today = LocalDate.now(ZoneOffset.UTC) + "T00:00:00Z";
        assertThat(days.get("buckets").get(29).asString()).isEqualTo(today);
        List<String> rows = new ArrayList<>();
        days.get("data").forEach(r -> rows.add(r.get("start").asString() + " " + r.get("group_name").asString() + " "
                + r.get("requests").asLong()));
        assertThat(rows).contains(today + " alice 3", today + " bob 1");
        assertThat(days.get("usage_daily").decimalValue()).isPositive();

        JsonNode aliceHours = json("/api/v1/activity/series?interval=hour&group_by=app", alice);
        assertThat(aliceHours.get("data")).hasSize(1);
        assertThat(aliceHours.get("data").get(0).get("group_name").asString()).isEqualTo("Test App");
        assertThat(aliceHours.get("data").get(0).get("requests").asLong()).isEqualTo(3);

        assertThat(get("/api/v1/activity/series?group_by=session", admin).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/activity/series?interval=week", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void theCatalogsHealthNamesProvidersWithoutCredentialsAndTheLastRefresh() {
        gateway.junction().catalogRefresher().initialRefresh().join();
        JsonNode data = json("/api/v1/health/catalog", alice).get("data");
        assertThat(data.get("last_refresh").get("at").asString()).isNotBlank();
        assertThat(data.get("last_refresh").get("discovery_errors").isObject()).isTrue();
        assertThat(data.get("routable_models").asInt()).isEqualTo(2);
        List<String> providers = new ArrayList<>();
        data.get("providers").forEach(p -> providers.add(p.get("id").asString() + " " + p.get("has_credentials").asBoolean()
                + " " + p.get("endpoints").asInt()));
        assertThat(providers).containsExactlyInAnyOrder("sim true 2", "keyless false 1");
        assertThat(get("/api/v1/health/catalog", "sk-jn-v1-nope").statusCode()).isEqualTo(401);
    }
}
