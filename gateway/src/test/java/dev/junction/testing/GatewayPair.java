package dev.junction.testing;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import dev.junction.store.Backend;
import dev.junction.store.TestDatabase;
import dev.junction.testing.ClusterTesting.GatewayProcess;
import dev.junction.testing.ClusterTesting.Http;
import dev.junction.testing.ClusterTesting.RedisProbe;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster of two {@code junction serve} processes ({@link #a}, {@link #b}) on a fresh PostgreSQL schema
 * and the test Redis (under a prefix of their own), with balances enforced and no default key rate limit,
 * in front of a simulated upstream serving {@code acme/model} (fast) and {@code acme/slow} (30 tokens,
 * one every 200 ms); the first provisioning key; and what a test reaches them with.
 */
public final class GatewayPair implements AutoCloseable {
    public final TestDatabase db;
    public final Http http = new Http();
    public final RedisProbe redis = new RedisProbe(ClusterTesting.redisUrl());
    public final String prefix = ClusterTesting.randomPrefix();
    public final String admin;
    private final Sims sims = new Sims();
    public GatewayProcess a;
    public GatewayProcess b;

    /** A key as created through the API: its secret and its hash. */
    public record Created(String secret, String hash) {}

    private GatewayPair(Path dir) {
        db = Backend.POSTGRESQL.create(dir);
        admin = ClusterTesting.provisioningKey(db, dir);
    }

    /**
     * Starts both and returns once they are ready; {@code clusterSettings} are more lines of the
     * {@code cluster} section (e.g. {@code instance-ttl: 2000ms}), each ending in a newline.
     */
    public static GatewayPair start(Path dir, String clusterSettings) {
        ClusterTesting.assumeClusterServices();
        GatewayPair pair = new GatewayPair(dir);
        try {
            SimServer sim = pair.sims.start(SimOptions.defaults()
                    .withDefaultScript(SimScript.empty().withTtftMs(30))
                    .withScript("slow", SimScript.empty().withReplyTokens(50).withChunkIntervalMs(200)));
            String yaml = """
                    server:
                      host: 127.0.0.1
                      event-loops: 2
                    accounting:
                      enforce-balance: true
                    limits:
                      key-default: none
                    cluster:
                      redis-url: "%s"
                      redis-timeout: 5s   # a loaded CI host must not look like a Redis outage
                      key-prefix: "%s"
                    %scatalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "%s"}
                    models:
                      acme/model:
                        endpoints: [{provider: sim, upstream-model: m, pricing: {prompt: "0.00001", completion: "0.00002"}}]
                      acme/slow:
                        endpoints: [{provider: sim, upstream-model: slow, pricing: {prompt: "0.00001", completion: "0.00002"}}]
                    """.formatted(ClusterTesting.redisUrl(), pair.prefix, clusterSettings.indent(2), sim.baseUrl());
            List<GatewayProcess> both = ClusterTesting.startPair(dir, pair.db.url(), yaml, pair.http);
            pair.a = both.get(0);
            pair.b = both.get(1);
            return pair;
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    /** Creates a key through instance A with the request body {@code json}. */
    public Created createKey(String json) {
        HttpResponse<String> response = http.post(a.url("/api/v1/keys"), admin, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = Json.parse(response.body());
        return new Created(body.get("key").asString(), body.get("data").get("hash").asString());
    }

    /** The Redis hash of the key's budget. */
    public String keyBudget(Created key) {
        return prefix + "k:" + key.hash();
    }

    @Override
    public void close() {
        try {
            for (GatewayProcess g : new GatewayProcess[] {a, b}) {
                if (g != null) {
                    g.close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            redis.deleteAll(prefix);
            redis.close();
            http.close();
            sims.close();
            db.close();
        }
    }
}
