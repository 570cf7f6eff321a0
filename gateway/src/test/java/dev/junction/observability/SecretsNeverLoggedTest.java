package dev.junction.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.junction.config.KeyHash;
import dev.junction.keys.KeyKind;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.Poll;
import dev.junction.testing.SseReader;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret is ever printed: a heavy run — every log line at DEBUG, as text and as JSON, through served, streamed,
 * failed, refused, cancelled and fallen-back requests, keys created and refused, a provider refusing a wrong key, the
 * upstream body echoed, the metrics scraped with and without their token, traces on — is grepped for every key, the
 * SHA-256 of every client key, the provider keys and the scrape token.
 */
class SecretsNeverLoggedTest {
    private static final String PROVIDER_KEY = "sk-provider-secret-0123456789abcdef";
    private static final String WRONG_PROVIDER_KEY = "sk-provider-wrong-fedcba9876543210";
    private static final String METRICS_TOKEN = "metrics-token-5f4dcc3b5aa765d61d8327deb882cf99";
    private static final String YAML = """
            catalog: {bundled: false}
            providers:
              sim: {name: Sim, base-url: "${SIM_URL}", api-key-env: PROVIDER_KEY}
              stale: {name: Stale, base-url: "${SIM_URL}", api-key-env: WRONG_PROVIDER_KEY}
            models:
              test/model:
                endpoints:
                  - {provider: stale, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}
                  - {provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}
              test/long:
                endpoints: [{provider: sim, upstream-model: long, pricing: {prompt: "0.000001", completion: "0.000002"}}]
              test/broken:
                endpoints: [{provider: sim, upstream-model: broken}]
            metrics: {bearer-token: "${METRICS_TOKEN}"}
            tracing:
              enabled: true
              exporter: junction-test-memory
              capture-content: true
            logging: {format: json, access-log-format: json}
            """;

    private final Sims sims = new Sims();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Runnable> restore = new ArrayList<>();
    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        sims.close();
        restore.forEach(Runnable::run);
        LogFormat.use(dev.junction.config.LoggingConfig.Format.TEXT);
    }

    /** Every event of every logger, formatted as the console would print it: as text, and as JSON. */
    private void captureEverything() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayout text = new PatternLayout();
        text.setContext(context);
        text.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg %kvp %mdc%n%ex");
        text.start();
        JsonLogLayout json = new JsonLogLayout();
        json.setContext(context);
        json.start();
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(text.doLayout(event));
                lines.add(json.doLayout(event));
            }
        };
        appender.setContext(context);
        appender.start();
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, AccessLog.LOGGER)) {
            Logger logger = context.getLogger(name);
            Level level = logger.getLevel();
            logger.setLevel(Level.DEBUG);
            logger.addAppender(appender);
            restore.add(() -> {
                logger.detachAppender(appender);
                logger.setLevel(level);
            });
        }
    }

    @Test
    void aHeavyRunPrintsNoKeyTokenOrHash() throws Exception {
        captureEverything();
        var sim = sims.start(SimOptions.defaults().withRequiredApiKey(PROVIDER_KEY)
                .withScript("long", SimScript.empty().withReplyTokens(500).withChunkIntervalMs(5))
                .withScript("broken", SimScript.empty().withFailAfterChunks(2, SimScript.FailMode.DISCONNECT)));
        gateway = TestGateway.start(YAML, Map.of("SIM_URL", sim.baseUrl(), "PROVIDER_KEY", PROVIDER_KEY,
                "WRONG_PROVIDER_KEY", WRONG_PROVIDER_KEY, "METRICS_TOKEN", METRICS_TOKEN));
        String admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        HttpResponse<String> created = gateway.send(gateway.requestAs("/api/v1/keys", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"app\",\"limit\":0.000001}")).build());
        String app = Json.parse(created.body()).get("key").asString();
        List<String> secrets = List.of(gateway.key(), admin, app, PROVIDER_KEY, WRONG_PROVIDER_KEY, METRICS_TOKEN,
                KeyHash.sha256Hex(gateway.key()), KeyHash.sha256Hex(admin), KeyHash.sha256Hex(app));

        for (int i = 0; i < 5; i++) {
            assertThat(chat(gateway.key(), "{\"model\":\"test/model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi " + i + "\"}]}")
                    .statusCode()).isEqualTo(200);
        }
        assertThat(chat(gateway.key(), "{\"model\":\"test/model\",\"debug\":{\"echo_upstream_body\":true},\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"echo\"}]}").statusCode()).isEqualTo(200);
        assertThat(chat(gateway.key(), "{\"model\":\"test/broken\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .statusCode()).isEqualTo(200);
        assertThat(chat(app, "{\"model\":\"test/model\",\"max_tokens\":5000,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .statusCode()).isEqualTo(402);
        assertThat(chat(gateway.key() + "x", "{\"model\":\"test/model\",\"messages\":[]}").statusCode()).isEqualTo(401);
        assertThat(gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/chat/completions?key=" + gateway.key())))
                .header("x-api-key", admin).POST(HttpRequest.BodyPublishers.ofString("{not json")).build()).statusCode()).isBetween(400, 403);
        assertThat(chat(gateway.key(), "{\"model\":\"nobody/nothing\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .statusCode()).isEqualTo(400);
        HttpResponse<InputStream> stream = gateway.postStreaming("/api/v1/chat/completions",
                "{\"model\":\"test/long\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}");
        new SseReader(stream.body()).nextChunk();
        stream.body().close();
        assertThat(gateway.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/metrics")))
                .header("Authorization", "Bearer " + METRICS_TOKEN).GET().build()).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/keys").statusCode()).isEqualTo(403);
        assertThat(gateway.send(gateway.requestAs("/api/v1/keys", admin).GET().build()).statusCode()).isEqualTo(200);

        Poll.until("the cancelled stream's access line", () -> lines.stream().anyMatch(l -> l.contains("\"status\":499")));
        gateway.close();
        gateway = null;

        assertThat(lines).as("the run logged").hasSizeGreaterThan(40);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"generation_id\"").contains("\"trace_id\""));
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("a log line").doesNotContain(secret);
            }
        }
    }

    private HttpResponse<String> chat(String key, String body) {
        return gateway.send(gateway.requestAs("/api/v1/chat/completions", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
