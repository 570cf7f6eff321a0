package dev.junction.cluster;

import dev.junction.money.Money;
import dev.junction.store.TestDatabase;
import dev.junction.testing.ClusterTesting.GatewayProcess;
import dev.junction.testing.ClusterTesting.Http;
import dev.junction.testing.ClusterTesting.RedisProbe;
import dev.junction.testing.GatewayPair;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.junction.testing.Poll.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workspace budget shared by two gateway processes through Redis and PostgreSQL: the SDK's shapes on PostgreSQL,
 * 300 concurrent requests split across both instances never spend past the budget (the books equal the served
 * requests' costs), a change made through one instance holds on the other at once, and another workspace's keys are
 * untouched.
 */
class WorkspaceBudgetClusterTest {
    private static final String FAST = """
            {"model":"acme/model","max_tokens":8,"messages":[{"role":"user","content":"a b c d e f g"}]}""";
    /**
     * Ten worst cases of FAST ($0.00093 each, as in CreditRaceTest): about ten holds fit at once, and each request
     * costs about a tenth of its hold, so the race is decided by the holds and the money must stay exact.
     */
    private static final BigDecimal BUDGET = new BigDecimal("0.0093");

    @TempDir
    static Path dir;
    private static GatewayPair cluster;
    private static Http http;
    private static RedisProbe redis;
    private static TestDatabase db;
    private static GatewayProcess a;
    private static GatewayProcess b;

    @BeforeAll
    static void start() {
        cluster = GatewayPair.start(dir, "");
        http = cluster.http;
        redis = cluster.redis;
        db = cluster.db;
        a = cluster.a;
        b = cluster.b;
        ok(http.post(a.url("/api/v1/credits"), cluster.admin, "{\"amount\": 100}"), 200);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.parse(response.body());
    }

    private static HttpResponse<String> call(GatewayProcess g, String method, String path, String body) {
        return http.send(HttpRequest.newBuilder(URI.create(g.url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + cluster.admin).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static GatewayPair.Created keyIn(String workspace) {
        return cluster.createKey("{\"name\":\"member\",\"workspace_id\":\"" + workspace + "\"}");
    }

    @Test
    void twoInstancesRacingAWorkspaceBudgetNeverSpendPastIt() throws Exception {
        JsonNode workspace = ok(call(b, "POST", "/api/v1/workspaces", "{\"name\":\"Racers\",\"slug\":\"racers\"}"), 201).get("data");
        for (String field : List.of("created_at", "created_by", "default_guardrail_id", "default_image_model",
                "default_provider_sort", "default_text_model", "description", "id", "include_byok_in_budgets",
                "io_logging_api_key_ids", "io_logging_sampling_rate", "is_data_discount_logging_enabled",
                "is_observability_broadcast_enabled", "is_observability_io_logging_enabled", "name", "slug", "updated_at")) {
            assertThat(workspace.has(field)).as(field).isTrue();
        }
        String id = workspace.get("id").asString();
        assertThat(ok(call(a, "GET", "/api/v1/workspaces/racers", null), 200).get("data")).as("read on the other instance")
                .isEqualTo(workspace);
        JsonNode budget = ok(call(a, "PUT", "/api/v1/workspaces/racers/budgets/lifetime",
                "{\"limit_usd\":" + BUDGET.toPlainString() + "}"), 200);
        for (String field : List.of("created_at", "id", "limit_usd", "reset_interval", "updated_at", "workspace_id")) {
            assertThat(budget.get("data").has(field)).as(field).isTrue();
        }
        assertThat(ok(call(b, "GET", "/api/v1/workspaces/racers/budgets", null), 200).get("data").get(0))
                .isEqualTo(budget.get("data"));

        List<GatewayPair.Created> keys = List.of(keyIn(id), keyIn(id));
        GatewayPair.Created outsider = cluster.createKey("{\"name\":\"outsider\"}");
        for (GatewayProcess g : List.of(a, b)) {
            for (GatewayPair.Created key : keys) {
                assertThat(http.get(g.url("/api/v1/key"), key.secret()).statusCode()).isEqualTo(200);
            }
        }
        List<Future<HttpResponse<String>>> inFlight = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 300; i++) {
                GatewayProcess g = i % 2 == 0 ? a : b;
                GatewayPair.Created key = keys.get((i / 2) % 2);
                inFlight.add(threads.submit(() -> http.post(g.url("/api/v1/chat/completions"), key.secret(), FAST)));
            }
        }
        BigDecimal settled = BigDecimal.ZERO;
        List<String> served = new ArrayList<>();
        int refused = 0;
        for (Future<HttpResponse<String>> f : inFlight) {
            HttpResponse<String> response = f.get();
            JsonNode json = Json.parse(response.body());
            if (response.statusCode() == 200) {
                served.add(json.get("id").asString());
                settled = settled.add(json.get("usage").get("cost").decimalValue());
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(402);
                assertThat(json.get("error").get("message").asString()).contains("Workspace budget exceeded").contains(id);
                refused++;
            }
        }
        assertThat(served).as("some requests fit").isNotEmpty();
        assertThat(refused).as("the budget was reached").isPositive();
        assertThat(settled).isLessThanOrEqualTo(BUDGET);

        String hashes = "'" + keys.get(0).hash() + "', '" + keys.get(1).hash() + "'";
        until("every served request recorded in PostgreSQL",
                () -> count("SELECT COUNT(*) FROM generations WHERE key_hash IN (" + hashes + ")") == served.size());
        BigDecimal recorded = Money.ofPicos(count("SELECT SUM(cost_total_picos) FROM generations WHERE key_hash IN ("
                + hashes + ")")).toUsd();
        assertThat(recorded).as("the books are what the responses said").isEqualByComparingTo(settled)
                .isLessThanOrEqualTo(BUDGET);
        String shared = cluster.prefix + "w:" + id;
        long settledPicos = Money.ofUsd(settled).picos();
        until("the workspace's shared budget has every settlement and no hold",
                () -> redis.hashLong(shared, "held") == 0 && redis.hashLong(shared, "total") == settledPicos);

        // Lowered through B to what was spent, the budget refuses through A at once (the outsider's workspace has no
        // budget); raised through B, it serves through A again.
        ok(call(b, "PUT", "/api/v1/workspaces/" + id + "/budgets/lifetime", "{\"limit_usd\":" + settled.toPlainString() + "}"), 200);
        assertThat(http.post(a.url("/api/v1/chat/completions"), keys.get(0).secret(), FAST).statusCode()).isEqualTo(402);
        ok(http.post(a.url("/api/v1/chat/completions"), outsider.secret(), FAST), 200);
        ok(call(b, "PUT", "/api/v1/workspaces/" + id + "/budgets/lifetime", "{\"limit_usd\":1}"), 200);
        ok(http.post(a.url("/api/v1/chat/completions"), keys.get(0).secret(), FAST), 200);
        ok(call(b, "PUT", "/api/v1/workspaces/" + id + "/budgets/daily", "{\"limit_usd\":0.0001}"), 200);
        JsonNode daily = Json.parse(http.post(a.url("/api/v1/chat/completions"), keys.get(1).secret(), FAST).body());
        assertThat(daily.get("error").get("message").asString()).as("a new daily budget holds on A at once").contains("daily");
    }

    private static long count(String sql) {
        try {
            return db.longValue(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
