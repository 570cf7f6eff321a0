package dev.junction.testing;

import dev.junction.Junction;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.keys.KeyFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real gateway on an ephemeral loopback port, configured from YAML, with one API key, plus a plain
 * HTTP/1.1 client to talk to it the way any client would.
 */
public final class TestGateway implements AutoCloseable {
    private final Junction junction;
    private final java.nio.file.Path dataDir;
    private final String key = KeyFormat.newKey();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestGateway(String yaml, Map<String, String> env, java.time.InstantSource clock) {
        Map<String, String> all = new HashMap<>();
        all.put("JUNCTION_SERVER_PORT", "0");
        all.put("JUNCTION_SERVER_EVENT_LOOPS", "2");
        all.put("JUNCTION_ACCOUNTING_ENFORCE_BALANCE", "false");
        // Tests close their gateway at once, as before clean stops drained; a test of draining sets its own.
        all.put("JUNCTION_SERVER_DRAIN_TIMEOUT", "0s");
        try {
            dataDir = java.nio.file.Files.createTempDirectory("junction-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.put("JUNCTION_STORAGE_DATA_DIR", dataDir.toString());
        all.putAll(env);
        all.put("TEST_API_KEY", key);
        String withKey = """
                auth:
                  keys:
                    - name: test
                      key-env: TEST_API_KEY
                """ + yaml;
        JunctionConfig config = new ConfigLoader(all).parse(withKey, "test configuration");
        this.junction = Junction.start(config, clock);
    }

    /**
     * {@code yaml} holds everything but the auth section; {@code env} resolves {@code ${…}} references
     * and may override server settings ({@code JUNCTION_SERVER_*}). The port is ephemeral by default.
     */
    public static TestGateway start(String yaml, Map<String, String> env) {
        return new TestGateway(yaml, env, java.time.InstantSource.system());
    }

    /** The same, on a clock the test controls. */
    public static TestGateway start(String yaml, Map<String, String> env, java.time.InstantSource clock) {
        return new TestGateway(yaml, env, clock);
    }

    /** Creates a key in the gateway's store; returns its secret. */
    public String createKey(String name, dev.junction.keys.KeyKind kind, java.util.Optional<dev.junction.money.Money> limit) {
        return junction.services().keys().create(dev.junction.keys.StaticKeys.DEFAULT_ACCOUNT, name, kind, limit,
                java.util.Optional.empty(), false).secret();
    }

    /** A request builder authenticated with another key. */
    public HttpRequest.Builder requestAs(String path, String key) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key);
    }

    public String key() {
        return key;
    }

    public Junction junction() {
        return junction;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + junction.port() + path;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        return HttpCalls.send(http, request, HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a streaming POST and returns as soon as the response head arrives. */
    public HttpResponse<InputStream> postStreaming(String path, String json) {
        return HttpCalls.send(http, request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public java.nio.file.Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        junction.close();
        http.close();
        try (var files = java.nio.file.Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
