package dev.junction.testing;

import dev.junction.keys.KeyFactory;
import dev.junction.keys.KeyKind;
import dev.junction.keys.KeyService;
import dev.junction.keys.StaticKeys;
import dev.junction.store.Backend;
import dev.junction.store.Store;
import dev.junction.store.Stores;
import dev.junction.store.TestDatabase;
import dev.junction.wire.Json;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the cluster tests share: the PostgreSQL and Redis they need (skipped, saying why, without
 * them), gateways in child JVMs, a small Redis client to look at the shared state and plain HTTP.
 */
public final class ClusterTesting {
    public static final String REDIS_URL_VARIABLE = "JUNCTION_TEST_REDIS_URL";

    private ClusterTesting() {}

    /** Aborts the calling test class unless both PostgreSQL and Redis are configured. */
    public static void assumeClusterServices() {
        boolean postgres = present(Backend.POSTGRES_URL_VARIABLE);
        boolean redis = present(REDIS_URL_VARIABLE);
        Assumptions.assumeTrue(postgres && redis, () -> "cluster test skipped: needs both "
                + Backend.POSTGRES_URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) and "
                + REDIS_URL_VARIABLE + " (e.g. redis://127.0.0.1:6379); missing: "
                + (postgres ? "" : Backend.POSTGRES_URL_VARIABLE + " ") + (redis ? "" : REDIS_URL_VARIABLE));
    }

    private static boolean present(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank()).isPresent();
    }

    public static String redisUrl() {
        return System.getenv(REDIS_URL_VARIABLE);
    }

    /** A Redis key prefix no other test run uses. */
    public static String randomPrefix() {
        return "junction-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ":";
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pacing (of a steady load, say); to wait for something, {@link Poll}. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Plain HTTP/1.1 to any gateway. */
    public static final class Http implements AutoCloseable {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        public HttpResponse<String> post(String url, String key, String json) {
            return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        public HttpResponse<String> get(String url, String key) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            return send(b.GET().build());
        }

        /** Returns once the response head is there: the body streams on. */
        public HttpResponse<java.io.InputStream> postStreaming(String url, String key, String json) {
            return HttpCalls.send(client, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofInputStream());
        }

        public HttpResponse<String> send(HttpRequest request) {
            return HttpCalls.send(client, request, HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** A small client to read what the gateways keep in Redis. */
    public static final class RedisProbe implements AutoCloseable {
        private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        private final Redis redis;

        public RedisProbe(String url) {
            redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
        }

        /** A hash field as a number, 0 when absent. */
        public long hashLong(String key, String field) {
            Response r = redis.send(Request.cmd(Command.HGET).arg(key).arg(field)).await();
            return r == null ? 0 : Long.parseLong(r.toString());
        }

        public long hashLength(String key) {
            return redis.send(Request.cmd(Command.HLEN).arg(key)).await().toLong();
        }

        /** The names of the keys matching {@code pattern}. */
        public List<String> keys(String pattern) {
            List<String> names = new java.util.ArrayList<>();
            redis.send(Request.cmd(Command.KEYS).arg(pattern)).await().forEach(k -> names.add(k.toString()));
            return names;
        }

        /** Deletes every key under {@code prefix}. */
        public void deleteAll(String prefix) {
            Response keys = redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")).await();
            for (Response k : keys) {
                redis.send(Request.cmd(Command.DEL).arg(k.toString())).await();
            }
        }

        @Override
        public void close() {
            redis.close();
            vertx.close().await();
        }
    }

    /**
     * {@code junction serve} in a JVM of its own on the test classpath, as an operator runs it, with its
     * own data directory; its output goes to {@code <dir>/gateway.log}.
     */
    public static final class GatewayProcess implements AutoCloseable {
        private final String name;
        private final Path dir;
        private final int port;
        private final Process process;

        private GatewayProcess(String name, Path dir, int port, Process process) {
            this.name = name;
            this.dir = dir;
            this.port = port;
            this.process = process;
        }

        /**
         * Starts it with {@code yaml} (everything but the {@code storage} section, which is made here:
         * a data directory under {@code dir} and the database {@code databaseUrl}) and waits until
         * {@code /ready} is 200.
         */
        public static GatewayProcess start(String name, Path dir, String databaseUrl, String yaml, Http http) {
            try {
                Files.createDirectories(dir);
                Path config = dir.resolve("junction.yaml");
                Files.writeString(config, "storage:\n  data-dir: \"" + dir.resolve("data") + "\"\n  database-url: \""
                        + databaseUrl + "\"\n" + yaml);
                int port = freePort();
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-Xmx384m",
                        "-cp", System.getProperty("java.class.path"),
                        "dev.junction.cli.Main", "serve", "--config", config.toString(), "--port", Integer.toString(port))
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("gateway.log").toFile())
                        .start();
                GatewayProcess g = new GatewayProcess(name, dir, port, p);
                try {
                    // A generous ceiling: a JVM start on a host whose CPU is stolen can take most of a minute.
                    Poll.until(name + " ready on port " + port, Duration.ofSeconds(120), () -> {
                        if (!p.isAlive()) {
                            throw new AssertionError(name + " exited with " + p.exitValue() + ":\n" + g.log());
                        }
                        try {
                            return http.get(g.url("/ready"), null).statusCode() == 200;
                        } catch (UncheckedIOException e) {
                            return false;
                        }
                    });
                } catch (RuntimeException | AssertionError e) {
                    p.destroyForcibly(); // a gateway that never became ready must not outlive the test
                    throw e;
                }
                return g;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        public String name() {
            return name;
        }

        /** SIGKILL: no shutdown hook, no settling, no drain. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        public String log() {
            try {
                return Files.readString(dir.resolve("gateway.log"));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        /** SIGTERM, which drains the journal; SIGKILL after 30 s. */
        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * The first provisioning key, made directly in the shared database as {@code junction keys create
     * --provisioning} does: everything else goes through the gateways' HTTP API. Returns its secret.
     */
    public static String provisioningKey(TestDatabase db, Path dir) {
        try (Store store = Stores.open(db.config(dir.resolve("bootstrap")), InstantSource.system())) {
            KeyService.CreatedKey created = KeyFactory.mint(StaticKeys.DEFAULT_ACCOUNT, "admin", KeyKind.PROVISIONING,
                    Optional.empty(), Optional.empty(), false, Optional.empty(), Instant.now());
            store.keys().insert(created.key());
            return created.secret();
        }
    }

    /** Two gateways ({@code a} and {@code b} under {@code dir}) started at once with the same configuration. */
    public static List<GatewayProcess> startPair(Path dir, String databaseUrl, String yaml, Http http) {
        List<Future<GatewayProcess>> starts = new ArrayList<>();
        try (ExecutorService both = Executors.newVirtualThreadPerTaskExecutor()) {
            starts.add(both.submit(() -> GatewayProcess.start("instance A", dir.resolve("a"), databaseUrl, yaml, http)));
            starts.add(both.submit(() -> GatewayProcess.start("instance B", dir.resolve("b"), databaseUrl, yaml, http)));
            return List.of(starts.get(0).get(), starts.get(1).get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            stopStarted(starts);
            throw new IllegalStateException("gateways did not start", e.getCause());
        }
    }

    /** When one of a pair failed to start, the other must not outlive the test. */
    private static void stopStarted(List<Future<GatewayProcess>> starts) {
        for (Future<GatewayProcess> start : starts) {
            if (start.state() == Future.State.SUCCESS) {
                try {
                    start.resultNow().kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Reads a stream to its end; returns its last non-blank line. */
    public static String readToEnd(HttpResponse<InputStream> response) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String last = "";
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    last = line;
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generation {@code id} of a completion response. */
    public static String generationId(HttpResponse<String> response) {
        JsonNode id = Json.parse(response.body()).get("id");
        return id == null ? null : id.asString();
    }
}
