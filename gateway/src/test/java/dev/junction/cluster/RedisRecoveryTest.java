package dev.junction.cluster;

import dev.junction.keys.DefaultWorkspace;
import dev.junction.money.Money;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import dev.junction.store.Backend;
import dev.junction.store.TestDatabase;
import dev.junction.testing.ClusterTesting;
import dev.junction.testing.ClusterTesting.GatewayProcess;
import dev.junction.testing.ClusterTesting.Http;
import dev.junction.testing.ClusterTesting.RedisProbe;
import dev.junction.testing.RedisServer;
import dev.junction.testing.Sims;
import dev.junction.testing.TcpProxy;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.junction.testing.Poll.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: after a fail-open outage, Redis counts every charge exactly once. Two {@code junction serve}
 * processes share PostgreSQL and a private Redis, each through a relay of its own. Redis is stopped under
 * load (both instances fail open and keep serving), restarted empty (no persistence), and the instances see
 * it return at different moments: A at once — it seeds the budgets from PostgreSQL, which by then holds
 * most of what both charged while failing open — and B only after A has served through Redis for a while;
 * then B replays its charges. Afterwards Redis's usage of the key and of the account equals PostgreSQL's to
 * the pico-dollar, and both instances report exactly that.
 */
class RedisRecoveryTest {
    private static final String FAST = """
            {"model":"acme/model","max_tokens":8,"messages":[{"role":"user","content":"a b c d e f g"}]}""";
    private static final String COMPLETIONS = "/api/v1/chat/completions";

    @TempDir
    Path dir;

    private record Served(String gateway, int phase, int status, String body) {}

    /** Spending of the key and of its account, in pico-dollars. */
    private record Usage(long key, long account, long workspace) {}

    @Test
    void chargesMadeWhileFailingOpenAreCountedOnceWhicheverInstanceSeesRedisReturnFirst() throws Exception {
        ClusterTesting.assumeClusterServices();
        int redisPort = ClusterTesting.freePort();
        Process server = RedisServer.start(redisPort);
        String prefix = ClusterTesting.randomPrefix();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
        try (TestDatabase db = Backend.POSTGRESQL.create(dir); Sims sims = new Sims(); Http http = new Http();
             TcpProxy toA = TcpProxy.to("127.0.0.1", redisPort); TcpProxy toB = TcpProxy.to("127.0.0.1", redisPort);
             RedisProbe redis = new RedisProbe("redis://127.0.0.1:" + redisPort)) {
            SimServer sim = sims.start(SimOptions.defaults().withDefaultScript(SimScript.empty().withTtftMs(20)));
            String admin = ClusterTesting.provisioningKey(db, dir);
            GatewayProcess a = GatewayProcess.start("instance A", dir.resolve("a"), db.url(), yaml(toA, prefix, sim), http);
            GatewayProcess b = GatewayProcess.start("instance B", dir.resolve("b"), db.url(), yaml(toB, prefix, sim), http);
            try {
                HttpResponse<String> created = http.post(a.url("/api/v1/keys"), admin, "{\"name\":\"steady\"}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String key = Json.parse(created.body()).get("key").asString();
                String hash = Json.parse(created.body()).get("data").get("hash").asString();

                AtomicInteger phase = new AtomicInteger();
                Queue<Served> served = new ConcurrentLinkedQueue<>();
                for (int w = 0; w < 4; w++) {
                    GatewayProcess g = w % 2 == 0 ? a : b;
                    load.submit(() -> {
                        while (running.get()) {
                            HttpResponse<String> r = http.post(g.url(COMPLETIONS), key, FAST);
                            served.add(new Served(g.name(), phase.get(), r.statusCode(), r.body()));
                            ClusterTesting.sleep(10); // pacing of the steady load, not a wait for a condition
                        }
                        return null;
                    });
                }
                until("both serving through Redis", () -> count(served, a, 0) >= 10 && count(served, b, 0) >= 10);

                // Redis stops under load; B will not see it return until the test lets it.
                phase.set(1);
                toB.cut();
                server.destroy();
                assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
                until("both failing open", () -> redisState(http, a).equals("down (failing open)")
                        && redisState(http, b).equals("down (failing open)"));
                int beforeA = count(served, a, 1);
                int beforeB = count(served, b, 1);
                until("both serving while failing open", () -> count(served, a, 1) >= beforeA + 20 && count(served, b, 1) >= beforeB + 20);

                // Redis restarts empty. A sees it at once and serves through it: the budgets are seeded afresh.
                server = RedisServer.start(redisPort);
                phase.set(2);
                until("A back on Redis", () -> redisState(http, a).equals("up"));
                int seededA = count(served, a, 2);
                until("A serving through Redis", () -> count(served, a, 2) >= seededA + 20);
                assertThat(redisState(http, b)).as("B still cut off").isEqualTo("down (failing open)");

                // B sees Redis return later, and replays what it charged while failing open.
                phase.set(3);
                toB.restore();
                until("B back on Redis", () -> redisState(http, b).equals("up"));
                until("both serving through Redis again", () -> count(served, a, 3) >= 10 && count(served, b, 3) >= 10);
                running.set(false);
                load.shutdown();
                assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

                assertThat(served).as("every request served").allSatisfy(s -> assertThat(s.status()).as(s.body()).isEqualTo(200));
                Set<String> ids = new HashSet<>();
                served.forEach(s -> ids.add(Json.parse(s.body()).get("id").asString()));
                until("every served request recorded in PostgreSQL", () -> db.longValue("SELECT COUNT(*) FROM generations") == ids.size());

                long keySpent = db.longValue("SELECT SUM(cost_total_picos) FROM generations WHERE key_hash = '" + hash + "'");
                long accountSpent = db.longValue("SELECT SUM(cost_total_picos) FROM generations WHERE account_id = 'default'");
                // Every key of the account spends in its default workspace: the workspace's budget is the account's spending.
                Usage recorded = new Usage(keySpent, accountSpent, accountSpent);
                String workspace = prefix + "w:" + DefaultWorkspace.id("default");
                until("Redis's usage of the key, the account and the workspace equal PostgreSQL's " + recorded,
                        () -> new Usage(redis.hashLong(prefix + "k:" + hash, "total"), redis.hashLong(prefix + "a:default", "usage"),
                                redis.hashLong(workspace, "total")),
                        recorded::equals);
                for (GatewayProcess g : List.of(a, b)) {
                    JsonNode usage = Json.parse(http.get(g.url("/api/v1/key"), key).body()).get("data");
                    assertThat(Money.ofUsd(usage.get("usage").decimalValue())).as(g.name() + "'s /key")
                            .isEqualTo(Money.ofPicos(keySpent));
                    JsonNode credits = Json.parse(http.get(g.url("/api/v1/credits"), key).body()).get("data");
                    assertThat(Money.ofUsd(credits.get("total_usage").decimalValue())).as(g.name() + "'s /credits")
                            .isEqualTo(Money.ofPicos(accountSpent));
                }
            } finally {
                running.set(false);
                load.shutdownNow();
                load.awaitTermination(30, TimeUnit.SECONDS);
                a.close();
                b.close();
            }
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int count(Queue<Served> served, GatewayProcess g, int phase) {
        return (int) served.stream().filter(s -> s.gateway().equals(g.name()) && s.phase() == phase && s.status() == 200).count();
    }

    private static String redisState(Http http, GatewayProcess g) {
        JsonNode checks = Json.parse(http.get(g.url("/ready"), null).body()).get("checks");
        return checks == null || checks.get("redis") == null ? "(none)" : checks.get("redis").asString();
    }

    private static String yaml(TcpProxy relay, String prefix, SimServer sim) {
        return """
                server:
                  host: 127.0.0.1
                  event-loops: 2
                accounting:
                  enforce-balance: false
                limits:
                  key-default: none
                cluster:
                  redis-url: "redis://127.0.0.1:%d"
                  on-outage: fail-open
                  redis-timeout: 5s   # the outage here is a dead server (refused at once), not a slow one
                  key-prefix: "%s"
                catalog: {bundled: false}
                providers:
                  sim: {name: Sim, base-url: "%s"}
                models:
                  acme/model:
                    endpoints: [{provider: sim, upstream-model: m, pricing: {prompt: "0.00001", completion: "0.00002"}}]
                """.formatted(relay.port(), prefix, sim.baseUrl());
    }
}
