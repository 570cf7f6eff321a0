package dev.junction.observability;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import dev.junction.testing.CapturedLog;
import dev.junction.testing.Poll;
import dev.junction.testing.SseReader;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A traced streamed request with one fallback, through the real configuration path (the SDK's autoconfiguration
 * with the test's in-memory exporter named in the file): the client's trace continued, one request span with a child
 * per attempt carrying the GenAI conventions' attributes and Junction's cost and generation id, and each attempt's
 * own trace context sent to its upstream.
 */
class TracingTest {
    private static final String YAML = """
            catalog: {bundled: false}
            providers:
              sim: {name: Sim, base-url: "${SIM_URL}"}
              broken: {name: Broken, base-url: "${SIM_URL}"}
            models:
              test/fallback:
                endpoints:
                  - {provider: broken, upstream-model: broken, pricing: {prompt: "0.000001", completion: "0.000002"}}
                  - {provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}
            tracing:
              enabled: true
              exporter: junction-test-memory
              properties: {otel.bsp.schedule.delay: "20"}
            """;
    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    private final Sims sims = new Sims();
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    private SimServer sim;
    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        sims.close();
        http.close();
    }

    private void start(String yaml, Map<String, String> more) {
        sim = sims.start(SimOptions.defaults().withScript("broken", SimScript.empty().withStatus(503)));
        Map<String, String> env = new HashMap<>(more);
        env.put("SIM_URL", sim.baseUrl());
        gateway = TestGateway.start(yaml, env);
    }

    private HttpResponse<InputStream> stream() throws Exception {
        return http.send(gateway.request("/api/v1/chat/completions").header("Content-Type", "application/json")
                .header("traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"test/fallback","stream":true,"max_tokens":50,
                         "provider":{"order":["broken","sim"]},
                         "messages":[{"role":"user","content":"Say hello world"}]}""")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static List<SpanData> traced(int count) {
        return Poll.until("the trace's " + count + " spans are exported",
                () -> MemorySpanExporterProvider.SPANS.getFinishedSpanItems().stream()
                        .filter(s -> s.getTraceId().equals(CLIENT_TRACE)).toList(),
                spans -> spans.size() >= count);
    }

    @Test
    void aStreamedRequestWithOneFallbackIsASpanTreeWithTheGenAiAttributes() throws Exception {
        MemorySpanExporterProvider.SPANS.reset();
        start(YAML, Map.of());
        HttpResponse<InputStream> response = stream();
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = new SseReader(response.body()).readAll();
        JsonNode last = events.stream().filter(e -> e.startsWith("{")).map(e -> Json.parse(e.getBytes()))
                .filter(e -> e.hasNonNull("usage")).reduce((a, b) -> b).orElseThrow();
        String id = last.get("id").asString();
        JsonNode usage = last.get("usage");

        List<SpanData> spans = traced(3);
        assertThat(spans).hasSize(3);
        SpanData request = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        List<SpanData> attempts = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();

        assertThat(request.getParentSpanId()).as("a child of the client's span").isEqualTo(CLIENT_SPAN);
        assertThat(request.getName()).isEqualTo("chat test/fallback");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("test/fallback");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("test/fallback");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("sim");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.response.id"))).isEqualTo(id);
        assertThat(request.getAttributes().get(AttributeKey.stringKey("junction.generation.id"))).isEqualTo(id);
        assertThat(request.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(usage.get("prompt_tokens").asLong());
        assertThat(request.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(usage.get("completion_tokens").asLong());
        assertThat(request.getAttributes().get(AttributeKey.doubleKey("junction.cost_usd")))
                .isCloseTo(usage.get("cost").asDouble(), within(1e-12));
        assertThat(request.getAttributes().get(AttributeKey.stringKey("junction.outcome"))).isEqualTo("served");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages"))).as("content is not captured by default").isNull();
        assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        assertThat(attempts).hasSize(2).allSatisfy(a -> {
            assertThat(a.getParentSpanId()).isEqualTo(request.getSpanId());
            assertThat(a.getTraceId()).isEqualTo(CLIENT_TRACE);
        });
        SpanData failed = attempts.get(0);
        assertThat(failed.getName()).isEqualTo("chat broken");
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("broken");
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("http_status");
        assertThat(failed.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503);
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getEndEpochNanos()).isLessThanOrEqualTo(attempts.get(1).getStartEpochNanos() + 1_000_000);
        SpanData served = attempts.get(1);
        assertThat(served.getName()).isEqualTo("chat m");
        assertThat(served.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("sim");
        assertThat(served.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("m");
        assertThat(served.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(usage.get("completion_tokens").asLong());
        assertThat(served.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(served.getEndEpochNanos()).isLessThanOrEqualTo(request.getEndEpochNanos());

        // Each upstream call carried its own attempt span's context.
        List<SimRequestRecord> calls = sim.stats().requests();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).headers().get("traceparent")).isEqualTo("00-" + CLIENT_TRACE + "-" + failed.getSpanId() + "-01");
        assertThat(calls.get(1).headers().get("traceparent")).isEqualTo("00-" + CLIENT_TRACE + "-" + served.getSpanId() + "-01");
    }

    @Test
    void contentIsCapturedOnlyWhenAskedAndTheAccessLogCarriesTheTraceId() throws Exception {
        MemorySpanExporterProvider.SPANS.reset();
        try (CapturedLog log = CapturedLog.of(AccessLog.LOGGER)) {
            start(YAML.replace("enabled: true", "enabled: true\n  capture-content: true"),
                    Map.of("JUNCTION_LOGGING_ACCESS_LOG_FORMAT", "json"));
            List<String> events = new SseReader(stream().body()).readAll();
            String text = events.stream().filter(e -> e.startsWith("{")).map(e -> Json.parse(e.getBytes()))
                    .map(e -> e.path("choices").path(0).path("delta").path("content").asString(""))
                    .reduce("", String::concat);
            SpanData request = traced(3).stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
            assertThat(request.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages"))).contains("Say hello world");
            JsonNode output = Json.parse(request.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")).getBytes());
            assertThat(output.get(0).get("role").asString()).isEqualTo("assistant");
            assertThat(output.get(0).get("parts").get(0).get("content").asString()).isEqualTo(text).isNotEmpty();

            String line = log.await("the stream's access line", l -> l.contains("trace_id"));
            assertThat(Json.parse(line.substring("INFO ".length()).getBytes()).get("trace_id").asString()).isEqualTo(CLIENT_TRACE);
        }
    }
}
