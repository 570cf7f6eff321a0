package dev.junction.cluster;

import dev.junction.cli.Main;
import dev.junction.money.Money;
import dev.junction.testing.ClusterTesting;
import dev.junction.testing.ClusterTesting.GatewayProcess;
import dev.junction.testing.ClusterTesting.Http;
import dev.junction.testing.ClusterTesting.RedisProbe;
import dev.junction.testing.GatewayPair;
import dev.junction.testing.GatewayPair.Created;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static dev.junction.testing.Poll.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: what one instance of a cluster changes, every instance applies at once. Two {@code junction
 * serve} processes share PostgreSQL and Redis; each change is made through instance A, and the moment A
 * has answered it, a burst at instance B — which had the key cached — is admitted exactly as the new state
 * says: a credit grant, a rate limit, a spending limit, a disabled key, a deleted key — and the same for
 * keys disabled and credits granted with the command line beside the gateways.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChangesTest {
    private static final String FAST = """
            {"model":"acme/model","max_tokens":8,"messages":[{"role":"user","content":"a b c d e f g"}]}""";
    /** 30 tokens, one every 200 ms: each stream holds its worst case for about 6 s. */
    private static final String SLOW = """
            {"model":"acme/slow","max_tokens":30,"stream":true,"messages":[{"role":"user","content":"a b c d e f g"}]}""";
    private static final String COMPLETIONS = "/api/v1/chat/completions";

    @TempDir
    static Path dir;
    private static GatewayPair cluster;
    private static Http http;
    private static RedisProbe redis;
    private static String admin;
    private static GatewayProcess a;
    private static GatewayProcess b;

    @BeforeAll
    static void start() {
        cluster = GatewayPair.start(dir, "");
        http = cluster.http;
        redis = cluster.redis;
        admin = cluster.admin;
        a = cluster.a;
        b = cluster.b;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void creditsGrantedThroughOneInstanceAreSpentThroughTheOtherAtOnce() throws Exception {
        Created key = createKey("{\"name\":\"grantee\"}");
        cachedOnBoth(key);
        HttpResponse<String> refused = http.post(b.url(COMPLETIONS), key.secret(), FAST);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);

        HttpResponse<String> granted = http.post(a.url("/api/v1/credits"), admin, "{\"amount\": 100}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);

        assertThat(statuses(burst(10, () -> http.post(b.url(COMPLETIONS), key.secret(), FAST))))
                .as("B admits on the new credits").containsOnly(200);
        JsonNode credits = Json.parse(http.get(b.url("/api/v1/credits"), key.secret()).body()).get("data");
        assertThat(credits.get("total_credits").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    @Order(2)
    void aRateLimitSetThroughOneInstanceBindsTheOtherAtOnce() throws Exception {
        Created key = createKey("{\"name\":\"to be limited\"}");
        cachedOnBoth(key);
        for (GatewayProcess g : List.of(a, b)) {
            for (int i = 0; i < 3; i++) {
                assertThat(http.post(g.url(COMPLETIONS), key.secret(), FAST).statusCode()).isEqualTo(200);
            }
        }

        // An hour-long interval: nothing refills while the burst runs, however slowly the host runs it.
        patch(key, "{\"rate_limit\":{\"requests\":10,\"interval\":\"1h\"}}");

        List<Integer> statuses = statuses(burst(30, () -> http.post(b.url(COMPLETIONS), key.secret(), FAST)));
        assertThat(statuses.stream().filter(s -> s == 200).count()).as("admitted of %s", statuses).isEqualTo(10);
        assertThat(statuses).as("the rest refused for the rate").containsOnly(200, 429);
        assertThat(http.post(a.url(COMPLETIONS), key.secret(), FAST).statusCode()).as("one limit for both").isEqualTo(429);
    }

    @Test
    @Order(3)
    void aSpendingLimitSetThroughOneInstanceBindsTheOtherAtOnce() throws Exception {
        Created key = createKey("{\"name\":\"to be capped\"}");
        cachedOnBoth(key);
        // One slow stream measures the hold of one such request; its cost is then the key's usage.
        HttpResponse<InputStream> probe = http.postStreaming(b.url(COMPLETIONS), key.secret(), SLOW);
        assertThat(probe.statusCode()).isEqualTo(200);
        long hold = redis.hashLong(keyBudget(key), "held");
        assertThat(hold).as("one slow stream's hold").isPositive();
        ClusterTesting.readToEnd(probe);
        until("the probe settled", () -> redis.hashLong(keyBudget(key), "held") == 0 && redis.hashLong(keyBudget(key), "total") > 0);
        Money used = Money.ofPicos(redis.hashLong(keyBudget(key), "total"));

        int fit = 4;
        Money limit = used.plus(Money.ofPicos(hold * fit + hold / 2));
        patch(key, "{\"limit\":" + limit.toUsd().toPlainString() + "}");

        List<HttpResponse<InputStream>> streams = burst(fit + 3, () -> http.postStreaming(b.url(COMPLETIONS), key.secret(), SLOW));
        try {
            List<Integer> statuses = statuses(streams);
            assertThat(statuses.stream().filter(s -> s == 200).count()).as("admitted of %s", statuses).isEqualTo(fit);
            assertThat(statuses).as("the rest refused for the limit").containsOnly(200, 402);
        } finally {
            for (HttpResponse<InputStream> r : streams) {
                r.body().close();
            }
        }
        until("the cancelled streams settled", () -> redis.hashLong(keyBudget(key), "held") == 0);
    }

    @Test
    @Order(4)
    void aKeyDisabledOrDeletedThroughOneInstanceIsRefusedByTheOtherAtOnce() throws Exception {
        Created key = createKey("{\"name\":\"to be disabled\"}");
        cachedOnBoth(key);
        assertThat(http.post(b.url(COMPLETIONS), key.secret(), FAST).statusCode()).isEqualTo(200);

        patch(key, "{\"disabled\":true}");
        assertThat(statuses(burst(10, () -> http.post(b.url(COMPLETIONS), key.secret(), FAST))))
                .as("B refuses the disabled key").containsOnly(401);
        assertThat(http.get(b.url("/api/v1/key"), key.secret()).statusCode()).isEqualTo(401);

        patch(key, "{\"disabled\":false}");
        assertThat(http.post(b.url(COMPLETIONS), key.secret(), FAST).statusCode()).as("enabled again").isEqualTo(200);
        assertThat(http.get(b.url("/api/v1/key"), key.secret()).statusCode()).isEqualTo(200);

        delete(key);
        assertThat(statuses(burst(10, () -> http.post(b.url(COMPLETIONS), key.secret(), FAST))))
                .as("B refuses the deleted key").containsOnly(401);
        assertThat(http.get(b.url("/api/v1/key"), key.secret()).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void changesMadeWithTheCommandLineApplyAtOnceToo() throws Exception {
        Path config = dir.resolve("cli.yaml");
        Files.writeString(config, """
                storage:
                  data-dir: "%s"
                  database-url: "%s"
                cluster:
                  redis-url: "%s"
                  key-prefix: "%s"
                catalog: {bundled: false}
                """.formatted(dir.resolve("cli"), cluster.db.url(), ClusterTesting.redisUrl(), cluster.prefix));
        Created key = createKey("{\"name\":\"managed from the shell\"}");
        cachedOnBoth(key);

        assertThat(cli("keys", "disable", "--config", config.toString(), key.hash())).isZero();
        assertThat(http.post(b.url(COMPLETIONS), key.secret(), FAST).statusCode()).as("disabled").isEqualTo(401);
        assertThat(cli("keys", "enable", "--config", config.toString(), key.hash())).isZero();
        assertThat(http.post(b.url(COMPLETIONS), key.secret(), FAST).statusCode()).as("enabled").isEqualTo(200);

        BigDecimal before = Json.parse(http.get(b.url("/api/v1/credits"), key.secret()).body()).get("data")
                .get("total_credits").decimalValue();
        assertThat(cli("credits", "grant", "--config", config.toString(), "--amount", "5")).isZero();
        BigDecimal after = Json.parse(http.get(b.url("/api/v1/credits"), key.secret()).body()).get("data")
                .get("total_credits").decimalValue();
        assertThat(after).isEqualByComparingTo(before.add(BigDecimal.valueOf(5)));
    }

    /** Runs {@code junction <args>} in this JVM, as an operator would in a shell beside the gateways. */
    private static int cli(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    private static Created createKey(String json) {
        return cluster.createKey(json);
    }

    /** Both instances look the key up, and so hold a copy of it from before the change. */
    private static void cachedOnBoth(Created key) {
        for (GatewayProcess g : List.of(a, b)) {
            assertThat(http.get(g.url("/api/v1/key"), key.secret()).statusCode()).isEqualTo(200);
        }
    }

    /** Changes the key through instance A; returns once A has answered. */
    private static void patch(Created key, String json) {
        change(key, "PATCH", HttpRequest.BodyPublishers.ofString(json));
    }

    private static void delete(Created key) {
        change(key, "DELETE", HttpRequest.BodyPublishers.noBody());
    }

    private static void change(Created key, String method, HttpRequest.BodyPublisher body) {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(a.url("/api/v1/keys/" + key.hash())))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").method(method, body).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** {@code n} requests at once; their responses, in order. */
    private static <T> List<HttpResponse<T>> burst(int n, Supplier<HttpResponse<T>> request) throws Exception {
        List<Future<HttpResponse<T>>> inFlight = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                inFlight.add(threads.submit(request::get));
            }
        }
        List<HttpResponse<T>> responses = new ArrayList<>();
        for (Future<HttpResponse<T>> f : inFlight) {
            responses.add(f.get());
        }
        return responses;
    }

    private static List<Integer> statuses(List<? extends HttpResponse<?>> responses) {
        return responses.stream().map(HttpResponse::statusCode).toList();
    }

    private static String keyBudget(Created key) {
        return cluster.keyBudget(key);
    }
}
