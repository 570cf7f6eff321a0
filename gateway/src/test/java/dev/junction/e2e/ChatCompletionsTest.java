package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.SseReader;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Chat completions end to end: client → gateway → simulated upstream over real HTTP, and back. */
class ChatCompletionsTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults()
                    .withScript("no-usage-model", SimScript.empty().withUsage(false))
                    .withScript("cached-model", SimScript.empty().withReply("one two three four").toBuilder()
                            .cachedTokens(2).reasoningTokens(1).build()))
            .config("""
                    providers:
                      sim:
                        name: Sim Provider
                        base-url: ${SIM_URL}
                    models:
                      test/model:
                        endpoints:
                          - provider: sim
                            upstream-model: upstream-model
                            pricing: {prompt: "0.000001", completion: "0.000002"}
                      test/no-usage:
                        endpoints:
                          - provider: sim
                            upstream-model: no-usage-model
                            pricing: {prompt: "0.000001", completion: "0.000002"}
                      test/cached:
                        endpoints:
                          - provider: sim
                            upstream-model: cached-model
                            pricing: {prompt: "0.000001", completion: "0.000002", input-cache-read: "0.0000001"}
                    """);

    @BeforeEach
    void reset() {
        gateway.sim().stats().reset();
    }

    private static final String HELLO = """
            {"model":"test/model","messages":[{"role":"user","content":"Say hello world"}]}""";

    @Test
    void nonStreamingAnswerIsInOpenRouterShapeWithExactCost() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = Json.parse(response.body());
        assertThat(body.get("id").asString()).matches("gen-\\d+-[A-Za-z0-9]{20}");
        assertThat(body.get("object").asString()).isEqualTo("chat.completion");
        assertThat(body.get("model").asString()).isEqualTo("test/model");
        assertThat(body.get("provider").asString()).isEqualTo("Sim Provider");
        assertThat(body.get("created").isIntegralNumber()).isTrue();
        assertThat(body.has("system_fingerprint")).isTrue();
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("message").get("role").asString()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asString()).isEqualTo("Say hello world");
        assertThat(choice.get("finish_reason").asString()).isEqualTo("stop");
        assertThat(choice.get("native_finish_reason").asString()).isEqualTo("stop");
        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(3);
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(6);
        // 3 × $1/M + 3 × $2/M, exactly
        assertThat(usage.get("cost").decimalValue()).isEqualByComparingTo("0.000009");
        assertThat(usage.get("cost_details").get("upstream_inference_prompt_cost").decimalValue()).isEqualByComparingTo("0.000003");
        assertThat(usage.get("cost_details").get("upstream_inference_completions_cost").decimalValue()).isEqualByComparingTo("0.000006");
        assertThat(usage.get("is_byok").asBoolean()).isFalse();
    }

    @Test
    void upstreamGetsEveryFieldButTheGatewaysOwnWithItsModelName() {
        gateway.post("/api/v1/chat/completions", """
                {"model":"test/model","messages":[{"role":"user","content":"hi"}],
                 "temperature":0.3,"top_k":40,"transforms":["middle-out"],"seed":7,
                 "vendor_extension":{"keep":true},
                 "models":["test/model"],"provider":{"sort":"price"},"route":"fallback","usage":{"include":true}}""");

        JsonNode sent = gateway.sim().stats().last().orElseThrow().body();
        assertThat(sent.get("model").asString()).isEqualTo("upstream-model");
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.get("top_k").asInt()).isEqualTo(40);
        assertThat(sent.get("seed").asInt()).isEqualTo(7);
        assertThat(sent.get("transforms").get(0).asString()).isEqualTo("middle-out");
        assertThat(sent.get("vendor_extension").get("keep").asBoolean()).isTrue();
        assertThat(sent.has("models")).isFalse();
        assertThat(sent.has("provider")).isFalse();
        assertThat(sent.has("route")).isFalse();
        assertThat(sent.has("usage")).isFalse();
        assertThat(sent.has("stream_options")).isFalse();
    }

    @Test
    void streamingRequestAsksTheUpstreamForUsage() {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", """
                {"model":"test/model","stream":true,"stream_options":{"include_usage":false},
                 "messages":[{"role":"user","content":"hi"}]}""");
        try (SseReader sse = new SseReader(response.body())) {
            sse.readAll();
        }
        JsonNode sent = gateway.sim().stats().last().orElseThrow().body();
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.get("stream_options").get("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamIsOpenRouterSseEndingWithUsageAndDone() {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions",
                HELLO.replace("{\"model\"", "{\"stream\":true,\"model\""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        List<JsonNode> chunks = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        String id = null;
        try (SseReader sse = new SseReader(response.body())) {
            List<String> data = sse.readAll();
            assertThat(data.getLast()).isEqualTo("[DONE]");
            for (String d : data.subList(0, data.size() - 1)) {
                chunks.add(Json.parse(d));
            }
            // every event is one data line followed by a blank line
            List<String> lines = sse.lines();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("data: ")) {
                    assertThat(i + 1 < lines.size() ? lines.get(i + 1) : "").isEmpty();
                }
            }
        }
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("model").asString()).isEqualTo("test/model");
            assertThat(chunk.get("provider").asString()).isEqualTo("Sim Provider");
            if (id == null) {
                id = chunk.get("id").asString();
            }
            assertThat(chunk.get("id").asString()).isEqualTo(id).startsWith("gen-");
            for (JsonNode choice : chunk.get("choices")) {
                content.append(choice.path("delta").path("content").asString(""));
            }
        }
        assertThat(content.toString()).isEqualTo("Say hello world");
        JsonNode finishing = chunks.get(chunks.size() - 2).get("choices").get(0);
        assertThat(finishing.get("finish_reason").asString()).isEqualTo("stop");
        assertThat(finishing.get("native_finish_reason").asString()).isEqualTo("stop");
        JsonNode last = chunks.getLast();
        assertThat(last.get("choices")).isEmpty();
        assertThat(last.get("usage").get("total_tokens").asInt()).isEqualTo(6);
        assertThat(last.get("usage").get("cost").decimalValue()).isEqualByComparingTo("0.000009");
    }

    @Test
    void cachedAndReasoningTokensAreReportedAndCachedTokensBilledAtTheCachePrice() {
        JsonNode body = Json.parse(gateway.post("/api/v1/chat/completions", """
                {"model":"test/cached","messages":[{"role":"user","content":"a b c d e"}]}""").body());
        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(5);
        assertThat(usage.get("prompt_tokens_details").get("cached_tokens").asInt()).isEqualTo(2);
        assertThat(usage.get("completion_tokens_details").get("reasoning_tokens").asInt()).isEqualTo(1);
        long completion = usage.get("completion_tokens").asLong();
        // 3 uncached × $1/M + 2 cached × $0.1/M + completion × $2/M
        BigDecimal expected = new BigDecimal("0.0000032").add(new BigDecimal("0.000002").multiply(BigDecimal.valueOf(completion)));
        assertThat(usage.get("cost").decimalValue()).isEqualByComparingTo(expected);
    }

    @Test
    void usageIsEstimatedWhenTheUpstreamReportsNone() {
        JsonNode body = Json.parse(gateway.post("/api/v1/chat/completions", """
                {"model":"test/no-usage","messages":[{"role":"user","content":"twelve chars"}]}""").body());
        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(3); // 12 characters ≈ 3 tokens
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(3);
        assertThat(usage.get("cost").decimalValue()).isEqualByComparingTo("0.000009");
    }

    @Test
    void openAiPathAliasServesTheSameApi() {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", HELLO);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).get("provider").asString()).isEqualTo("Sim Provider");
    }

    @Test
    void generationStatsAreAvailableAfterwards() {
        String id = Json.parse(gateway.post("/api/v1/chat/completions", HELLO).body()).get("id").asString();
        JsonNode data = Json.parse(gateway.get("/api/v1/generation?id=" + id).body()).get("data");
        assertThat(data.get("id").asString()).isEqualTo(id);
        assertThat(data.get("model").asString()).isEqualTo("test/model");
        assertThat(data.get("provider_name").asString()).isEqualTo("Sim Provider");
        assertThat(data.get("total_cost").decimalValue()).isEqualByComparingTo("0.000009");
        assertThat(data.get("streamed").asBoolean()).isFalse();
        assertThat(data.get("cancelled").asBoolean()).isFalse();
        assertThat(data.get("tokens_prompt").asInt()).isEqualTo(3);
        SimRequestRecord upstream = gateway.sim().stats().last().orElseThrow();
        assertThat(upstream.completed()).isTrue();
    }

    /** Memory keeps a generation only until the store has it; the answer must not change when it moves. */
    @Test
    void generationStatsAreTheSameOnceTheStoreHasCommittedThem() {
        String id = Json.parse(gateway.post("/api/v1/chat/completions", HELLO).body()).get("id").asString();
        JsonNode fromMemoryOrStore = Json.parse(gateway.get("/api/v1/generation?id=" + id).body()).get("data");
        gateway.junction().services().store().recorder().flush();

        assertThat(gateway.junction().services().recent().find(id)).isEmpty();
        JsonNode fromStore = Json.parse(gateway.get("/api/v1/generation?id=" + id).body()).get("data");
        assertThat(fromStore).isEqualTo(fromMemoryOrStore);
    }
}
