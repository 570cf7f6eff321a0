package dev.junction.cluster;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import dev.junction.store.Backend;
import dev.junction.store.TestDatabase;
import dev.junction.testing.ClusterTesting;
import dev.junction.testing.RedisServer;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Issue 7: Redis goes away under load and comes back. Two gateways share PostgreSQL and a private Redis
 * server, one failing closed and one failing open. No request ever gets a 500; while Redis is down the
 * fail-closed instance answers 503 with Retry-After and is not ready, the fail-open one keeps serving
 * and stays ready; when Redis is back both serve and are ready again without a restart; and every
 * request that was served has its usage record in the database.
 */
class RedisOutageTest {
    private static final String BODY = """
            {"model":"acme/model","max_tokens":8,"messages":[{"role":"user","content":"a b c d e f g"}]}""";

    @TempDir
    Path dir;

    private record Result(String gateway, int phase, int status, Optional<String> retryAfter, String body) {}

    @Test
    void redisGoesAwayUnderLoadAndComesBack() throws Exception {
        ClusterTesting.assumeClusterServices();
        int port = ClusterTesting.freePort();
        Process redis = RedisServer.start(port);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
        // The gateways close before the schema is dropped: they drain their journals into it.
        try (TestDatabase db = Backend.POSTGRESQL.create(dir); Sims sims = new Sims()) {
          TestGateway closed = null;
          TestGateway open = null;
          try {
            SimServer sim = sims.start(SimOptions.defaults().withDefaultScript(SimScript.empty().withTtftMs(20)));
            String prefix = ClusterTesting.randomPrefix();
            closed = TestGateway.start(yaml(db, port, prefix, "fail-closed", sim), Map.of());
            open = TestGateway.start(yaml(db, port, prefix, "fail-open", sim), Map.of());
            TestGateway c = closed;
            TestGateway o = open;

            AtomicInteger phase = new AtomicInteger();
            Queue<Result> results = new ConcurrentLinkedQueue<>();
            for (int w = 0; w < 4; w++) {
                TestGateway g = w % 2 == 0 ? closed : open;
                String name = g == closed ? "fail-closed" : "fail-open";
                load.submit(() -> {
                    while (running.get()) {
                        HttpResponse<String> r = g.post("/api/v1/chat/completions", BODY);
                        // The phase as the answer arrives: Redis may go away while a request is in flight.
                        int p = phase.get();
                        results.add(new Result(name, p, r.statusCode(), r.headers().firstValue("Retry-After"), r.body()));
                        ClusterTesting.sleep(20); // pacing of the steady load, not a wait for a condition
                    }
                    return null;
                });
            }
            until("both instances serving", () -> served(results, "fail-closed", 0) >= 10 && served(results, "fail-open", 0) >= 10);

            // Redis goes away.
            phase.set(1);
            redis.destroy();
            assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();
            until("fail-closed answers 503 and is not ready", () -> results.stream()
                    .anyMatch(r -> r.gateway().equals("fail-closed") && r.phase() == 1 && r.status() == 503)
                    && ready(c).equals(new Ready(503, "down")));
            until("fail-open keeps serving and stays ready", () -> ready(o).equals(new Ready(200, "down (failing open)")));
            int openServedBefore = served(results, "fail-open", 1);
            until("fail-open serves during the outage", () -> served(results, "fail-open", 1) >= openServedBefore + 10);
            assertThat(ready(c)).as("still down").isEqualTo(new Ready(503, "down"));

            // Redis comes back on the same port; no gateway restarts.
            redis = RedisServer.start(port);
            phase.set(2);
            until("both ready with Redis up", () -> ready(c).equals(new Ready(200, "up")) && ready(o).equals(new Ready(200, "up")));
            int closedServedBefore = served(results, "fail-closed", 2);
            int openServedAfter = served(results, "fail-open", 2);
            until("both serving again", () -> served(results, "fail-closed", 2) >= closedServedBefore + 10
                    && served(results, "fail-open", 2) >= openServedAfter + 10);
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            // Never a 500, nor anything else but a 200, or a 503 with Retry-After from the fail-closed instance.
            for (Result r : results) {
                if (r.gateway().equals("fail-open") || r.status() != 503) {
                    assertThat(r.status()).as("%s in phase %s: %s", r.gateway(), r.phase(), r.body()).isEqualTo(200);
                } else {
                    assertThat(r.retryAfter()).as("Retry-After on %s", r.body()).isPresent();
                    assertThat(Json.parse(r.body()).get("error").get("code").asInt()).isEqualTo(503);
                }
            }
            assertThat(results.stream().filter(r -> r.status() == 503)).as("the fail-closed instance refused during the outage")
                    .isNotEmpty().allMatch(r -> r.gateway().equals("fail-closed") && r.phase() >= 1);

            // No lost usage record: every 200 has its generation in PostgreSQL once the journals drain.
            Set<String> servedIds = new HashSet<>();
            for (Result r : results) {
                if (r.status() == 200) {
                    servedIds.add(Json.parse(r.body()).get("id").asString());
                }
            }
            until("every served request recorded", () -> storedIds(db).containsAll(servedIds));
          } finally {
            running.set(false);
            load.shutdownNow();
            load.awaitTermination(30, TimeUnit.SECONDS);
            if (closed != null) {
                closed.close();
            }
            if (open != null) {
                open.close();
            }
          }
        } finally {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record Ready(int status, String redis) {}

    private static Ready ready(TestGateway g) {
        HttpResponse<String> r = g.send(g.request("/ready").GET().build());
        JsonNode checks = Json.parse(r.body()).get("checks");
        return new Ready(r.statusCode(), checks == null || checks.get("redis") == null ? "(none)" : checks.get("redis").asString());
    }

    private static int served(Queue<Result> results, String gateway, int phase) {
        return (int) results.stream().filter(r -> r.gateway().equals(gateway) && r.phase() == phase && r.status() == 200).count();
    }

    private static Set<String> storedIds(TestDatabase db) {
        try {
            Set<String> ids = new HashSet<>();
            db.rows("SELECT id FROM generations", 1).forEach(r -> ids.add(r.getFirst()));
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String yaml(TestDatabase db, int redisPort, String prefix, String onOutage, SimServer sim) {
        return """
                storage:
                  database-url: "%s"
                cluster:
                  redis-url: "redis://127.0.0.1:%d"
                  on-outage: %s
                  instance-ttl: 1s
                  redis-timeout: 5s   # the outage here is a dead server (refused at once), not a slow one
                  key-prefix: "%s"
                catalog: {bundled: false}
                providers:
                  sim: {name: Sim, base-url: "%s"}
                models:
                  acme/model:
                    endpoints: [{provider: sim, upstream-model: m, pricing: {prompt: "0.00001", completion: "0.00002"}}]
                """.formatted(db.url(), redisPort, onOutage, prefix, sim.baseUrl());
    }
}
