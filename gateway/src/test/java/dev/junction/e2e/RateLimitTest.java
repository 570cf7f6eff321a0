package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.testing.ClusterTesting;
import dev.junction.testing.MutableClock;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits as a client meets them: 429s in the OpenRouter envelope with the headers to back off by. */
class RateLimitTest {
    private static final String YAML = """
            catalog: {bundled: false}
            limits: {free-per-minute: 2, free-per-day: 3}
            providers:
              sim: {name: Sim, base-url: "${SIM_URL}"}
              gift: {name: Gift, base-url: "${SIM_URL}"}
            models:
              acme/model:
                endpoints:
                  - {provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}
                  - {provider: gift, upstream-model: m, variants: [free]}
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final Sims sims = new Sims();
    private TestGateway gateway;
    private String redisPrefix; // set in cluster mode: its keys are removed after the test

    private void start(Map<String, String> env) {
        start(env, "");
    }

    private void start(Map<String, String> env, String moreYaml) {
        Map<String, String> all = new HashMap<>(env);
        all.put("SIM_URL", sims.start().baseUrl());
        gateway = TestGateway.start(YAML + moreYaml, all, clock);
    }

    /** A gateway in cluster mode: its rate limits and holds in Redis, under a prefix of its own. */
    private void startInCluster(Map<String, String> env) {
        Assumptions.assumeTrue(ClusterTesting.redisUrl() != null, "JUNCTION_TEST_REDIS_URL is not set: no Redis for cluster mode");
        redisPrefix = ClusterTesting.randomPrefix();
        start(env, "cluster: {redis-url: \"" + ClusterTesting.redisUrl() + "\", key-prefix: \"" + redisPrefix + "\"}\n");
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        sims.close();
        if (redisPrefix != null) {
            try (ClusterTesting.RedisProbe redis = new ClusterTesting.RedisProbe(ClusterTesting.redisUrl())) {
                redis.deleteAll(redisPrefix);
            }
        }
    }

    private HttpResponse<String> chat(String key, String model) {
        return gateway.send(gateway.requestAs("/api/v1/chat/completions", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":5,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build());
    }

    private String createKey(String admin, String body) {
        HttpResponse<String> created = gateway.send(gateway.requestAs("/api/v1/keys", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).get("key").asString();
    }

    private JsonNode keyInfo(String key) {
        return Json.parse(gateway.send(gateway.requestAs("/api/v1/key", key).GET().build()).body()).get("data");
    }

    @Test
    void aKeysOwnRateLimitAnswers429WithRetryAfterAndRefillsOverTheInterval() {
        start(Map.of());
        String admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        String key = createKey(admin, "{\"name\":\"limited\",\"rate_limit\":{\"requests\":3,\"interval\":\"1m\"}}");

        for (int i = 0; i < 3; i++) {
            assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = chat(key, "acme/model");
        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode error = Json.parse(limited.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(429);
        assertThat(error.get("message").asString()).contains("3 requests per 1m");
        assertThat(limited.headers().firstValue("Retry-After")).contains("20");
        assertThat(limited.headers().firstValue("X-RateLimit-Limit")).contains("3");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(limited.headers().firstValue("X-RateLimit-Reset"))
                .contains(Long.toString(clock.instant().plusSeconds(20).toEpochMilli()));

        // Other keys are not affected; this one gets a request back every 20 seconds.
        assertThat(chat(gateway.key(), "acme/model").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(20));
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(429);

        JsonNode rate = keyInfo(key).get("rate_limit");
        assertThat(rate.get("requests").asInt()).isEqualTo(3);
        assertThat(rate.get("interval").asString()).isEqualTo("1m");
    }

    @Test
    void requestsRefusedOverTheKeysLimitLeaveItsRateAllowanceWhole() {
        start(Map.of());
        refusedOverTheKeysLimitThenExactlyTheAllowance("1m");
    }

    @Test
    void inAClusterRequestsRefusedOverTheKeysLimitLeaveTheSharedRateAllowanceWhole() {
        startInCluster(Map.of());
        // Redis measures the rate on its own clock, which the test cannot hold still: an hour cannot refill meanwhile.
        refusedOverTheKeysLimitThenExactlyTheAllowance("1h");
    }

    private void refusedOverTheKeysLimitThenExactlyTheAllowance(String interval) {
        String admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        HttpResponse<String> created = gateway.send(gateway.requestAs("/api/v1/keys", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"tiny\",\"limit\":0.000001,"
                        + "\"rate_limit\":{\"requests\":3,\"interval\":\"" + interval + "\"}}")).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = Json.parse(created.body()).get("key").asString();
        String hash = Json.parse(created.body()).get("data").get("hash").asString();

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> refused = chat(key, "acme/model");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        }
        HttpResponse<String> raised = gateway.send(gateway.requestAs("/api/v1/keys/" + hash, admin).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"limit\":1}")).build());
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);

        // The ten refusals counted against nothing: the whole burst of three is still there, and no more.
        for (int i = 0; i < 3; i++) {
            assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);
        }
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(429);
    }

    @Test
    void requestsRefusedForWantOfCreditsLeaveTheRateAllowanceWhole() {
        start(Map.of("JUNCTION_ACCOUNTING_ENFORCE_BALANCE", "true"));
        refusedForWantOfCreditsThenExactlyTheAllowance("1m");
    }

    @Test
    void inAClusterRequestsRefusedForWantOfCreditsLeaveTheSharedRateAllowanceWhole() {
        startInCluster(Map.of("JUNCTION_ACCOUNTING_ENFORCE_BALANCE", "true"));
        refusedForWantOfCreditsThenExactlyTheAllowance("1h");
    }

    private void refusedForWantOfCreditsThenExactlyTheAllowance(String interval) {
        String admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        String key = createKey(admin, "{\"name\":\"broke\",\"rate_limit\":{\"requests\":3,\"interval\":\"" + interval + "\"}}");

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> refused = chat(key, "acme/model");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        }
        assertThat(gateway.send(gateway.requestAs("/api/v1/credits", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1}")).build()).statusCode()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);
        }
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(429);
    }

    @Test
    void requestsRefusedWith429DoNotPushTheNextAllowanceBack() {
        start(Map.of());
        String admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        String key = createKey(admin, "{\"name\":\"limited\",\"rate_limit\":{\"requests\":3,\"interval\":\"1m\"}}");
        for (int i = 0; i < 3; i++) {
            assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(chat(key, "acme/model").statusCode()).isEqualTo(429);
        }
        // One share of the interval later exactly one request is due, however many were refused meanwhile.
        clock.advance(Duration.ofSeconds(20));
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(429);
    }

    @Test
    void withEnforcedBalancesTheDefaultRateGrowsWithTheCredits() {
        start(Map.of("JUNCTION_ACCOUNTING_ENFORCE_BALANCE", "true"));
        String admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        assertThat(gateway.send(gateway.requestAs("/api/v1/credits", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":2.5}")).build()).statusCode()).isEqualTo(200);
        String key = createKey(admin, "{\"name\":\"by credits\"}");

        JsonNode rate = keyInfo(key).get("rate_limit");
        assertThat(rate.get("requests").asInt()).isEqualTo(2);
        assertThat(rate.get("interval").asString()).isEqualTo("1s");
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(429);
        clock.advance(Duration.ofMillis(500));
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);
    }

    @Test
    void freeVariantsHaveTheirOwnPerMinuteAndDailyLimits() {
        start(Map.of("JUNCTION_LIMITS_KEY_DEFAULT", "none"));
        String key = gateway.key();
        assertThat(chat(key, "acme/model:free").statusCode()).isEqualTo(200);
        assertThat(chat(key, "acme/model:free").statusCode()).isEqualTo(200);
        HttpResponse<String> perMinute = chat(key, "acme/model:free");
        assertThat(perMinute.statusCode()).isEqualTo(429);
        assertThat(Json.parse(perMinute.body()).get("error").get("message").asString()).contains("2 requests per 1m (free models)");
        // Paid models are not held back by the free limits.
        assertThat(chat(key, "acme/model").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        assertThat(chat(key, "acme/model:free").statusCode()).isEqualTo(200);
        HttpResponse<String> perDay = chat(key, "acme/model:free");
        assertThat(perDay.statusCode()).isEqualTo(429);
        assertThat(Json.parse(perDay.body()).get("error").get("message").asString()).contains("3 requests per 1d (free models)");
        assertThat(Long.parseLong(perDay.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(60);
        assertThat(keyInfo(key).get("free_model_daily_requests").get("limit").asInt()).isEqualTo(3);
    }
}
