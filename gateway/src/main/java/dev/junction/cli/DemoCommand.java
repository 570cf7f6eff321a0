package dev.junction.cli;

import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.money.Money;
import dev.junction.keys.KeyFormat;
import dev.junction.keys.KeyKind;
import dev.junction.keys.KeyService;
import dev.junction.keys.StaticKeys;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code junction demo [--port N]}: the gateway on embedded defaults in front of a simulated upstream
 * on a loopback port, so the first request works offline. Prints {@code demo key: <key>} and
 * {@code provisioning key: <key>} on stdout.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on built-in defaults with a simulated upstream (works offline).")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "gateway port (default 8080)")
    int port;

    @Override
    public Integer call() throws IOException {
        Vertx simVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        // A pause between tokens so streaming is visible to a person watching curl.
        SimScript typing = SimScript.empty().withChunkIntervalMs(30);
        SimServer sim = SimServer.start(simVertx, SimOptions.defaults().withDefaultScript(typing)).await();

        String key = KeyFormat.newKey();
        Path dataDir = Files.createTempDirectory("junction-demo-");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("JUNCTION_DEMO_SIM_URL", sim.baseUrl());
        env.put("JUNCTION_DEMO_KEY", key);
        env.put("JUNCTION_DEMO_DATA_DIR", dataDir.toString());
        env.put(ConfigLoader.envName("server.port"), Integer.toString(port));
        JunctionConfig config = new ConfigLoader(env).parse(demoYaml(), "the demo configuration");
        Junction junction = Junction.start(config);
        junction.services().store().usage().grantCredits(StaticKeys.DEFAULT_ACCOUNT, Money.ofUsd("10"), "demo credits");
        KeyService.CreatedKey admin = junction.services().keys().create(StaticKeys.DEFAULT_ACCOUNT, "demo provisioning key",
                KeyKind.PROVISIONING, Optional.empty(), Optional.empty(), false);

        System.out.println("demo key: " + key);
        System.out.println("provisioning key: " + admin.secret());
        System.out.flush();
        System.err.printf("""
                Junction demo is running on http://127.0.0.1:%d (simulated upstream at %s, data in %s, $10 of credits). Try:
                  curl http://127.0.0.1:%d/api/v1/chat/completions -H "Authorization: Bearer %s" \\
                    -H "Content-Type: application/json" \\
                    -d '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Hello!"}]}'
                Stop with Ctrl-C.
                """, junction.port(), sim.baseUrl(), dataDir, junction.port(), key);
        Run.untilStopped(junction, () -> simVertx.close().await(), () -> deleteTree(dataDir));
        return 0;
    }

    /** The demo's database lives only as long as the demo. */
    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String demoYaml() {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo.yaml")) {
            if (in == null) {
                throw new IllegalStateException("demo.yaml is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
