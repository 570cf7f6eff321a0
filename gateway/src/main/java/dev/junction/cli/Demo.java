package dev.junction.cli;

import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.keys.KeyFormat;
import dev.junction.keys.KeyKind;
import dev.junction.keys.KeyService;
import dev.junction.keys.StaticKeys;
import dev.junction.money.Money;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's world, offline: three simulated providers on loopback ports, each with its own pace, and the gateway
 * in front of them on {@code demo.yaml}, with a fresh database in a temporary directory holding $10 of credits, an
 * API key and a provisioning key. Closing it stops the gateway first (it drains into the sims), then the sims, and
 * deletes the database.
 */
final class Demo implements AutoCloseable {
    static final Money CREDITS = Money.ofUsd("10");

    private final Vertx simVertx;
    private final Junction junction;
    private final Path dataDir;
    private final String key;
    private final String provisioningKey;

    private Demo(Vertx simVertx, Junction junction, Path dataDir, String key, String provisioningKey) {
        this.simVertx = simVertx;
        this.junction = junction;
        this.dataDir = dataDir;
        this.key = key;
        this.provisioningKey = provisioningKey;
    }

    /** Starts the demo with the gateway on {@code port} (0: any free port). */
    static Demo start(int port) {
        Vertx simVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Path dataDir = null;
        try {
            dataDir = Files.createTempDirectory("junction-demo-");
            String key = KeyFormat.newKey();
            Map<String, String> env = new HashMap<>(System.getenv());
            SimServer openAi = sim(simVertx, openAi());
            env.put("JUNCTION_DEMO_OPENAI_URL", openAi.baseUrl());
            // The OpenAI sim also answers SearXNG's search API: what :online searches.
            env.put("JUNCTION_DEMO_SEARCH_URL", "http://127.0.0.1:" + openAi.port());
            env.put("JUNCTION_DEMO_SWIFT_URL", sim(simVertx, swift()).baseUrl());
            env.put("JUNCTION_DEMO_BUDGET_URL", sim(simVertx, budget()).baseUrl());
            env.put("JUNCTION_DEMO_KEY", key);
            env.put("JUNCTION_DEMO_DATA_DIR", dataDir.toString());
            env.put(ConfigLoader.envName("server.port"), Integer.toString(port));
            JunctionConfig config = new ConfigLoader(env).parse(Resources.text("demo.yaml"), "the demo configuration");
            Junction junction = Junction.start(config);
            junction.services().store().usage().grantCredits(StaticKeys.DEFAULT_ACCOUNT, CREDITS, "demo credits");
            KeyService.CreatedKey admin = junction.services().keys().create(StaticKeys.DEFAULT_ACCOUNT,
                    "demo provisioning key", KeyKind.PROVISIONING, Optional.empty(), Optional.empty(), false);
            return new Demo(simVertx, junction, dataDir, key, admin.secret());
        } catch (IOException | RuntimeException e) {
            simVertx.close().await();
            if (dataDir != null) {
                deleteTree(dataDir);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** OpenAI's own models, at a pace a person can watch stream. */
    private static SimOptions openAi() {
        return SimOptions.defaults().withDefaultScript(SimScript.builder().ttftMs(150).chunkIntervalMs(30).build());
    }

    /** Quick to start, quick to stream. */
    private static SimOptions swift() {
        return SimOptions.defaults().withDefaultScript(SimScript.builder().ttftMs(40).tokensPerSecond(150).build());
    }

    /** Slow, and over capacity for Qwen3: its endpoint fails, so requests fall back to the next. */
    private static SimOptions budget() {
        return SimOptions.defaults()
                .withDefaultScript(SimScript.builder().ttftMs(400).tokensPerSecond(12).build())
                .withScript("qwen3-8b", SimScript.builder().status(503)
                        .errorMessage("BudgetGPU is over capacity for qwen3-8b, try again later").build());
    }

    private static SimServer sim(Vertx vertx, SimOptions options) {
        return SimServer.start(vertx, options).await();
    }

    Junction junction() {
        return junction;
    }

    int port() {
        return junction.port();
    }

    String key() {
        return key;
    }

    String provisioningKey() {
        return provisioningKey;
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            junction.close();
        } finally {
            simVertx.close().await();
            deleteTree(dataDir);
        }
    }

    /** The demo's database lives only as long as the demo. */
    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
