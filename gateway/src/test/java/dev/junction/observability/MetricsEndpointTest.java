package dev.junction.observability;

import dev.junction.keys.KeyKind;
import dev.junction.money.Money;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.Poll;
import dev.junction.testing.PrometheusText;
import dev.junction.testing.SseReader;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code GET /metrics} after known traffic — served answers, a fallback, a 402, a 429, a stream the client left —
 * says exactly what happened: every counter and every histogram's count, by route, status, model, provider and key.
 */
class MetricsEndpointTest {
    private static final String YAML = """
            catalog: {bundled: false}
            providers:
              sim: {name: Sim, base-url: "${SIM_URL}"}
              broken: {name: Broken, base-url: "${SIM_URL}"}
            models:
              test/model:
                endpoints:
                  - {provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}
              test/fallback:
                endpoints:
                  - {provider: broken, upstream-model: broken, pricing: {prompt: "0.000001", completion: "0.000002"}}
                  - {provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}
              test/long:
                endpoints: [{provider: sim, upstream-model: long, pricing: {prompt: "0.000001", completion: "0.000002"}}]
            """;
    private static final String CHAT = "/api/v1/chat/completions";

    private final Sims sims = new Sims();
    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        sims.close();
    }

    private void start(String moreYaml, Map<String, String> env) {
        var sim = sims.start(SimOptions.defaults()
                .withScript("broken", SimScript.empty().withStatus(500))
                .withScript("long", SimScript.empty().withReplyTokens(2000).withChunkIntervalMs(20)));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SIM_URL", sim.baseUrl());
        gateway = TestGateway.start(YAML + moreYaml, all);
    }

    private HttpResponse<String> chat(String key, String model, int maxTokens) {
        return chat(key, model, maxTokens, "");
    }

    private HttpResponse<String> chat(String key, String model, int maxTokens, String more) {
        return gateway.send(gateway.requestAs(CHAT, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens
                        + more + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello world\"}]}")).build());
    }

    private String createKey(String admin, String body) {
        HttpResponse<String> created = gateway.send(gateway.requestAs("/api/v1/keys", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).get("key").asString();
    }

    /** Usage as the answers said it: what the counters must add up to. */
    private static final class Billed {
        long input;
        long output;
        BigDecimal cost = BigDecimal.ZERO;

        void add(HttpResponse<String> answer) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode usage = Json.parse(answer.body()).get("usage");
            input += usage.get("prompt_tokens").asLong();
            output += usage.get("completion_tokens").asLong();
            cost = cost.add(usage.get("cost").decimalValue());
        }
    }

    private PrometheusText inProcess() {
        return PrometheusText.parse(gateway.junction().services().telemetry().metrics().orElseThrow().scrape());
    }

    @Test
    void countsAndHistogramsAreExactAfterKnownTraffic() throws Exception {
        start("", Map.of());
        String admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        String tiny = createKey(admin, "{\"name\":\"tiny\",\"limit\":0.000001}");
        String limited = createKey(admin, "{\"name\":\"limited\",\"rate_limit\":{\"requests\":1,\"interval\":\"1m\"}}");

        Billed plain = new Billed();
        plain.add(chat(gateway.key(), "test/model", 20));
        plain.add(chat(gateway.key(), "test/model", 20));
        Billed fallback = new Billed();
        fallback.add(chat(gateway.key(), "test/fallback", 20, ",\"provider\":{\"order\":[\"broken\",\"sim\"]}"));
        Billed limitedBill = new Billed();
        limitedBill.add(chat(limited, "test/model", 20));
        assertThat(chat(limited, "test/model", 20).statusCode()).isEqualTo(429);
        assertThat(chat(tiny, "test/model", 1000).statusCode()).isEqualTo(402);
        assertThat(gateway.get("/api/v1/models").statusCode()).isEqualTo(200);

        HttpResponse<InputStream> stream = gateway.postStreaming(CHAT,
                "{\"model\":\"test/long\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}");
        SseReader sse = new SseReader(stream.body());
        sse.nextChunk();
        sse.nextChunk();
        stream.body().close();

        // Requests are counted once their answer is over, a cancelled stream once its bill is settled.
        Poll.until("the cancelled stream is counted", () -> inProcess().value("junction_requests_total",
                Map.of("route", CHAT, "method", "POST", "status", "499", "model", "test/long", "provider", "Sim",
                        "key", "test")) == 1);

        HttpResponse<String> scrape = gateway.get("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("text/plain"));
        PrometheusText m = PrometheusText.parse(scrape.body());

        Map<String, String> test = Map.of("route", CHAT, "method", "POST", "key", "test");
        assertThat(m.value("junction_requests_total", with(test, "status", "200", "model", "test/model", "provider", "Sim"))).isEqualTo(2);
        assertThat(m.value("junction_requests_total", with(test, "status", "200", "model", "test/fallback", "provider", "Sim"))).isEqualTo(1);
        assertThat(m.value("junction_requests_total", with(test, "status", "499", "model", "test/long", "provider", "Sim"))).isEqualTo(1);
        assertThat(m.value("junction_requests_total", Map.of("route", CHAT, "method", "POST", "key", "limited",
                "status", "200", "model", "test/model", "provider", "Sim"))).isEqualTo(1);
        Map<String, String> refused = Map.of("route", CHAT, "method", "POST", "key", "none", "model", "none", "provider", "none");
        assertThat(m.value("junction_requests_total", with(refused, "status", "429"))).isEqualTo(1);
        assertThat(m.value("junction_requests_total", with(refused, "status", "402"))).isEqualTo(1);
        assertThat(m.value("junction_requests_total", Map.of("route", "/api/v1/keys", "method", "POST", "status", "201",
                "model", "none", "provider", "none", "key", "none"))).isEqualTo(2);
        assertThat(m.value("junction_requests_total", Map.of("route", "/api/v1/models", "method", "GET", "status", "200",
                "model", "none", "provider", "none", "key", "none"))).isEqualTo(1);
        assertThat(m.sum("junction_requests_total", Map.of())).as("no other request, and not the scrape itself").isEqualTo(10);

        assertThat(m.value("junction_request_duration_seconds_count", Map.of("route", CHAT, "method", "POST", "status", "200"))).isEqualTo(4);
        assertThat(m.value("junction_request_duration_seconds_count", Map.of("route", CHAT, "method", "POST", "status", "499"))).isEqualTo(1);
        assertThat(m.value("junction_request_duration_seconds_bucket", Map.of("route", CHAT, "method", "POST", "status", "200",
                "le", "+Inf"))).isEqualTo(4);
        assertThat(m.value("junction_request_overhead_seconds_count", Map.of("route", CHAT))).as("every generation request").isEqualTo(5);

        Map<String, String> served = Map.of("model", "test/model", "provider", "Sim", "key", "test");
        assertThat(m.value("junction_generations_total", with(served, "outcome", "served"))).isEqualTo(2);
        assertThat(m.value("junction_generations_total", Map.of("model", "test/fallback", "provider", "Sim", "key", "test",
                "outcome", "served"))).isEqualTo(1);
        assertThat(m.value("junction_generations_total", Map.of("model", "test/long", "provider", "Sim", "key", "test",
                "outcome", "cancelled"))).isEqualTo(1);
        assertThat(m.sum("junction_generations_total", Map.of())).isEqualTo(5);

        assertThat(m.value("junction_tokens_total", with(served, "direction", "input"))).isEqualTo(plain.input);
        assertThat(m.value("junction_tokens_total", with(served, "direction", "output"))).isEqualTo(plain.output);
        assertThat(m.value("junction_cost_usd_total", served)).isCloseTo(plain.cost.doubleValue(), within(1e-12));
        Map<String, String> viaFallback = Map.of("model", "test/fallback", "provider", "Sim", "key", "test");
        assertThat(m.value("junction_tokens_total", with(viaFallback, "direction", "input"))).isEqualTo(fallback.input);
        assertThat(m.value("junction_cost_usd_total", viaFallback)).isCloseTo(fallback.cost.doubleValue(), within(1e-12));
        Map<String, String> limitedKey = Map.of("model", "test/model", "provider", "Sim", "key", "limited");
        assertThat(m.value("junction_tokens_total", with(limitedKey, "direction", "output"))).isEqualTo(limitedBill.output);
        assertThat(m.value("junction_tokens_total", Map.of("model", "test/long", "provider", "Sim", "key", "test",
                "direction", "output"))).as("what the cancelled stream sent").isPositive();

        assertThat(m.value("junction_fallbacks_total", Map.of("provider", "Broken", "kind", "http_status"))).isEqualTo(1);
        assertThat(m.sum("junction_fallbacks_total", Map.of())).isEqualTo(1);
        assertThat(m.value("junction_upstream_errors_total", Map.of("provider", "Broken", "kind", "http_status"))).isEqualTo(1);
        assertThat(m.sum("junction_upstream_errors_total", Map.of())).as("the client's hang-up is no upstream error").isEqualTo(1);

        assertThat(m.value("junction_admission_refusals_total", Map.of("reason", "rate_limit"))).isEqualTo(1);
        assertThat(m.value("junction_admission_refusals_total", Map.of("reason", "credits"))).isEqualTo(1);
        assertThat(m.value("junction_admission_refusals_total", Map.of("reason", "cluster_unavailable"))).isEqualTo(0);

        assertThat(m.value("junction_streams_active", Map.of())).isEqualTo(0);
        assertThat(m.value("junction_time_to_first_token_seconds_count", Map.of("model", "test/long", "provider", "Sim"))).isEqualTo(1);
        assertThat(m.sum("junction_time_to_first_token_seconds_count", Map.of())).as("streams only").isEqualTo(1);
        assertThat(m.value("junction_upstream_duration_seconds_count", Map.of("provider", "Sim"))).isEqualTo(5);

        assertThat(m.named("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(scrape.body()).doesNotContain(gateway.key()).doesNotContain(tiny).doesNotContain(limited).doesNotContain(admin);
    }

    @Test
    void whatRequestsLeanOnIsMeasuredToo() {
        start("", Map.of());
        assertThat(chat(gateway.key(), "test/fallback", 20, ",\"provider\":{\"order\":[\"broken\",\"sim\"]}").statusCode())
                .isEqualTo(200);
        gateway.junction().services().store().recorder().flush();
        double refreshes = inProcess().value("junction_catalog_refreshes_total", Map.of("result", "ok"));
        gateway.junction().catalogRefresher().refresh();

        PrometheusText m = PrometheusText.parse(gateway.get("/metrics").body());
        assertThat(m.value("junction_catalog_refreshes_total", Map.of("result", "ok"))).isEqualTo(refreshes + 1);
        assertThat(m.value("junction_catalog_models", Map.of())).isEqualTo(3);
        assertThat(m.value("junction_catalog_routable_models", Map.of())).isEqualTo(3);
        Map<String, String> broken = Map.of("model", "test/fallback", "provider", "Broken");
        assertThat(m.value("junction_endpoint_down", broken)).as("routing tries it last now").isEqualTo(1);
        assertThat(m.value("junction_endpoint_uptime_ratio", broken)).isEqualTo(0);
        assertThat(m.value("junction_endpoint_down", Map.of("model", "test/fallback", "provider", "Sim"))).isEqualTo(0);
        assertThat(m.value("junction_endpoint_uptime_ratio", Map.of("model", "test/fallback", "provider", "Sim"))).isEqualTo(1);
        // Routing keeps health per provider and upstream model: test/model's endpoint is the same Sim model.
        assertThat(m.value("junction_endpoint_down", Map.of("model", "test/model", "provider", "Sim"))).isEqualTo(0);
        assertThat(m.named("junction_endpoint_down")).as("endpoints never called have no row").hasSize(3);
        assertThat(m.value("junction_usage_journal_depth", Map.of())).isEqualTo(0);
        assertThat(m.value("junction_db_write_duration_seconds_count", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(m.named("junction_redis_up")).as("no Redis, no Redis meters").isEmpty();
        Poll.until("each event loop was probed", () -> inProcess().named("junction_event_loop_delay_seconds_count").stream()
                .filter(s -> s.value() >= 1).count() == 2);
        assertThat(inProcess().named("junction_event_loop_pending_tasks")).hasSize(2);
    }

    @Test
    void inClusterModeRedisRoundTripsAreCounted() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.junction.testing.ClusterTesting.redisUrl() != null,
                "JUNCTION_TEST_REDIS_URL is not set: no Redis for cluster mode");
        String prefix = dev.junction.testing.ClusterTesting.randomPrefix();
        try {
            start("cluster: {redis-url: \"" + dev.junction.testing.ClusterTesting.redisUrl() + "\", key-prefix: \"" + prefix + "\"}\n",
                    Map.of());
            double before = inProcess().value("junction_redis_round_trips_total", Map.of());
            assertThat(chat(gateway.key(), "test/model", 5).statusCode()).isEqualTo(200);
            PrometheusText m = inProcess();
            assertThat(m.value("junction_redis_round_trips_total", Map.of())).as("admission and settlement")
                    .isGreaterThanOrEqualTo(before + 2);
            assertThat(m.value("junction_redis_up", Map.of())).isEqualTo(1);
            assertThat(m.value("junction_redis_outages_total", Map.of())).isEqualTo(0);
        } finally {
            try (var redis = new dev.junction.testing.ClusterTesting.RedisProbe(dev.junction.testing.ClusterTesting.redisUrl())) {
                redis.deleteAll(prefix);
            }
        }
    }

    @Test
    void aStreamBeingRelayedIsActive() throws Exception {
        start("", Map.of());
        HttpResponse<InputStream> stream = gateway.postStreaming(CHAT,
                "{\"model\":\"test/long\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}");
        SseReader sse = new SseReader(stream.body());
        sse.nextChunk();
        assertThat(inProcess().value("junction_streams_active", Map.of())).isEqualTo(1);
        stream.body().close();
        Poll.until("the stream is over", () -> inProcess().value("junction_streams_active", Map.of()) == 0);
    }

    @Test
    void aBearerTokenGuardsTheScrape() {
        start("metrics: {bearer-token: \"${METRICS_TOKEN}\"}\n", Map.of("METRICS_TOKEN", "scrape-secret-123"));
        HttpResponse<String> anonymous = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/metrics"))).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Json.parse(anonymous.body()).get("error").get("code").asInt()).isEqualTo(401);
        assertThat(gateway.get("/metrics").statusCode()).as("an API key is not the scrape token").isEqualTo(401);
        HttpResponse<String> scraped = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/metrics")))
                .header("Authorization", "Bearer scrape-secret-123").GET().build());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("junction_requests_total").doesNotContain("scrape-secret-123");
    }

    @Test
    void aManagementPortServesTheMetricsInsteadOfTheApiPort() throws Exception {
        start("metrics: {port: 0}\n", Map.of());
        assertThat(gateway.junction().managementPort()).isPresent();
        HttpResponse<String> onApi = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/metrics"))).GET().build());
        assertThat(onApi.statusCode()).isEqualTo(404);
        assertThat(Json.parse(onApi.body()).get("error").get("message").asString()).contains("management port");
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + gateway.junction().managementPort().getAsInt();
            HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("junction_requests_total{");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void switchedOffThereAreNoMetrics() {
        start("metrics: {enabled: false}\n", Map.of());
        assertThat(gateway.junction().services().telemetry().metrics()).isEmpty();
        assertThat(gateway.get("/metrics").statusCode()).isEqualTo(404);
        assertThat(chat(gateway.key(), "test/model", 5).statusCode()).isEqualTo(200);
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }
}
