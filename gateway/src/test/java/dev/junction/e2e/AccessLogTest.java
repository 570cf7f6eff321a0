package dev.junction.e2e;

import dev.junction.config.KeyHash;
import dev.junction.observability.AccessLog;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.CapturedLog;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.SseReader;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One access-log line per request: method, path, status, latency, and for a generation its model, provider, tokens,
 * exact cost, outcome and id — never the caller's key; 499 for a client that left, probes at DEBUG, JSON when asked,
 * nothing when switched off.
 */
class AccessLogTest {
    private static final String CONFIG = """
            catalog: {bundled: false}
            providers:
              sim: {name: Sim Provider, base-url: "${SIM_URL}"}
            models:
              test/model:
                endpoints:
                  - provider: sim
                    upstream-model: upstream-model
                    pricing: {prompt: "0.000001", completion: "0.000002"}
              test/long:
                endpoints: [{provider: sim, upstream-model: long}]
            """;

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults().withScript("long", SimScript.empty().withReplyTokens(2000).withChunkIntervalMs(20)))
            .config(CONFIG);

    private CapturedLog log;

    @BeforeEach
    void capture() {
        log = CapturedLog.of(AccessLog.LOGGER);
    }

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void aCompletionIsOneLineWithItsModelProviderTokensCostAndId() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions",
                "{\"model\":\"test/model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello world\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        String id = Json.parse(response.body()).get("id").asString();

        String line = log.await("the completion's line", l -> l.contains(id));
        assertThat(line).matches("INFO POST /api/v1/chat/completions 200 \\d+\\.\\dms model=test/model "
                + "provider=\"Sim Provider\" prompt_tokens=3 completion_tokens=3 cost=0.000009 outcome=served id=" + id);
        assertThat(String.join("\n", log.lines())).doesNotContain(gateway.key())
                .doesNotContain(KeyHash.sha256Hex(gateway.key()));
    }

    @Test
    void otherRequestsAndRefusalsHaveALineToo() {
        gateway.get("/api/v1/models");
        assertThat(log.await("the listing's line", l -> l.contains("GET /api/v1/models ")))
                .matches("INFO GET /api/v1/models 200 \\d+\\.\\dms");

        HttpResponse<String> unauthorized = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/chat/completions")))
                .header("Authorization", "Bearer sk-jn-v1-not-a-key")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(log.await("the refusal's line", l -> l.contains(" 401 "))).startsWith("INFO POST /api/v1/chat/completions 401 ")
                .doesNotContain("sk-jn-v1-not-a-key");

        gateway.get("/health?probe=1");
        assertThat(log.await("the probe's line", l -> l.contains("/health"))).startsWith("DEBUG GET /health 200 ")
                .doesNotContain("probe=1");
    }

    @Test
    void aClientThatLeavesMidStreamIs499WithWhatItWasBilled() throws Exception {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions",
                "{\"model\":\"test/long\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}");
        SseReader sse = new SseReader(response.body());
        String id = sse.nextChunk().get("id").asString();
        sse.nextChunk();
        response.body().close();

        String line = log.await("the cancelled stream's line", l -> l.contains(id));
        assertThat(line).startsWith("INFO POST /api/v1/chat/completions 499 ").contains("model=test/long")
                .contains("outcome=cancelled").containsPattern("completion_tokens=[1-9]");
    }

    @Test
    void jsonLinesWhenAskedAndNoneWhenSwitchedOff() {
        Map<String, String> env = Map.of("SIM_URL", gateway.sim().baseUrl(), "JUNCTION_LOGGING_ACCESS_LOG_FORMAT", "json");
        try (TestGateway json = TestGateway.start(CONFIG, env)) {
            String id = Json.parse(json.post("/api/v1/chat/completions",
                    "{\"model\":\"test/model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body()).get("id").asString();
            JsonNode line = Json.parse(log.await("the JSON line", l -> l.contains(id)).substring("INFO ".length()).getBytes());
            assertThat(line.get("method").asString()).isEqualTo("POST");
            assertThat(line.get("path").asString()).isEqualTo("/api/v1/chat/completions");
            assertThat(line.get("status").asInt()).isEqualTo(200);
            assertThat(line.get("latency_ms").isNumber()).isTrue();
            assertThat(line.get("generation_id").asString()).isEqualTo(id);
            assertThat(line.get("provider").asString()).isEqualTo("Sim Provider");
            assertThat(line.get("prompt_tokens").asInt()).isEqualTo(1);
            assertThat(line.get("cost").decimalValue()).isEqualByComparingTo("0.000003");
        }
        Map<String, String> off = Map.of("SIM_URL", gateway.sim().baseUrl(), "JUNCTION_LOGGING_ACCESS_LOG", "false");
        try (TestGateway quiet = TestGateway.start(CONFIG, off)) {
            int before = log.lines().size();
            assertThat(quiet.post("/api/v1/chat/completions",
                    "{\"model\":\"test/model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);
            gateway.get("/api/v1/models?marker=after-quiet");
            log.await("a line from the other gateway, written after", l -> l.contains("GET /api/v1/models "));
            assertThat(log.lines().subList(before, log.lines().size())).noneMatch(l -> l.contains("/chat/completions"));
        }
    }
}
