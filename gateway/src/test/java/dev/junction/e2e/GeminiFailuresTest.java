package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.Poll;
import dev.junction.testing.SseReader;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sees when Gemini refuses, fails or blocks (statuses, error types, fallback), and what Gemini
 * sees when the client hangs up or reads slowly — over plain HTTP.
 */
class GeminiFailuresTest {
    private static final String BLOCKED = """
            {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":4,\
            "totalTokenCount":4},"modelVersion":"gemini-2.5-flash","responseId":"blocked1"}""";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults()
                    .withScript("limited", SimScript.builder().status(429).retryAfter("12").build())
                    .withScript("overloaded", SimScript.empty().withStatus(503))
                    .withScript("blocked", SimScript.empty().withRaw(List.of(BLOCKED)))
                    .withScript("blocked-stream", SimScript.empty().withRaw(List.of("data: " + BLOCKED + "\r\n\r\n")))
                    .withScript("long", SimScript.empty().withReplyTokens(1000).withChunkIntervalMs(20))
                    .withScript("cut", SimScript.empty().withReplyTokens(50).withFailAfterChunks(5, SimScript.FailMode.DISCONNECT))
                    .withScript("firehose", SimScript.empty().withReplyTokens(200_000).withPadBytes(1024)))
            .config("""
                    providers:
                      google:
                        name: Google AI Studio
                        kind: gemini
                        base-url: ${SIM_GEMINI_URL}
                      backup:
                        name: Backup Gemini
                        kind: gemini
                        base-url: ${SIM_GEMINI_URL}
                    models:
                      google/limited:
                        endpoints: [{provider: google, upstream-model: limited}]
                      google/overloaded-then-backup:
                        endpoints:
                          - {provider: google, upstream-model: overloaded}
                          - {provider: backup, upstream-model: gemini-2.5-flash}
                      google/blocked:
                        endpoints: [{provider: google, upstream-model: blocked}]
                      google/blocked-stream:
                        endpoints: [{provider: google, upstream-model: blocked-stream}]
                      google/plain:
                        endpoints: [{provider: google, upstream-model: gemini-2.5-flash}]
                      google/long:
                        endpoints: [{provider: google, upstream-model: long}]
                      google/firehose:
                        endpoints: [{provider: google, upstream-model: firehose}]
                      google/cut:
                        endpoints: [{provider: google, upstream-model: cut}]
                    """)
            // No keep-alive before the sim's immediate answer: a failure before the first chunk keeps its status.
            .env("JUNCTION_SERVER_KEEP_ALIVE_INTERVAL", "30s");

    private static String chat(String model, boolean stream) {
        return """
                {"model":"%s","stream":%s,"messages":[{"role":"user","content":"hello"}]}""".formatted(model, stream);
    }

    @Test
    void aRateLimitStaysA429WithGooglesRetryDelay() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", chat("google/limited", false));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("12");
        JsonNode error = Json.parse(response.body()).get("error");
        assertThat(error.get("metadata").get("error_type").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("message").asString()).contains("RESOURCE_EXHAUSTED");
        assertThat(error.get("metadata").get("raw").get("error").get("status").asString()).isEqualTo("RESOURCE_EXHAUSTED");
    }

    @Test
    void anOverloadedModelFallsThroughToTheNextEndpoint() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions",
                chat("google/overloaded-then-backup", false));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.parse(response.body());
        assertThat(body.get("provider").asString()).isEqualTo("Backup Gemini");
        assertThat(body.get("choices").get(0).get("message").get("content").asString()).isEqualTo("hello");
    }

    @Test
    void aBlockedPromptIsAContentPolicyViolation() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", chat("google/blocked", false));

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode error = Json.parse(response.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(403);
        assertThat(error.get("message").asString()).contains("blocked the prompt (PROHIBITED_CONTENT)");
        assertThat(error.get("metadata").get("error_type").asString()).isEqualTo("content_policy_violation");
    }

    @Test
    void aBlockedPromptInAStreamFailsBeforeTheFirstChunk() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", chat("google/blocked-stream", true));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode error = Json.parse(response.body()).get("error");
        assertThat(error.get("metadata").get("error_type").asString()).isEqualTo("content_policy_violation");
    }

    @Test
    void aRequestGeminiCannotExpressIsRefusedBeforeItLeaves() {
        long before = gateway.sim().stats().count();
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", """
                {"model":"google/plain","messages":[{"role":"user","content":"x"}],
                 "response_format":{"type":"grammar","grammar":"root ::= 'a'"}}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).get("error").get("message").asString())
                .contains("response_format.type: 'grammar' has no Gemini equivalent");
        assertThat(gateway.sim().stats().count()).isEqualTo(before);
    }

    @Test
    void aClientHangingUpAbortsTheGeminiStream() throws Exception {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", chat("google/long", true));
        try (SseReader sse = new SseReader(response.body())) {
            sse.nextChunk();
            sse.nextChunk();
        }

        SimRequestRecord upstream = Poll.value("the upstream request closed", () -> gateway.sim().stats().last()
                .filter(r -> r.model().equals("long")), SimRequestRecord::closed);
        assertThat(upstream.cancelled()).isTrue();
        assertThat(upstream.chunksSent()).isLessThan(1000);
    }

    @Test
    void aStreamCutByGeminiIsBilledForTheTextItDelivered() throws Exception {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", chat("google/cut", true));
        String id;
        long deliveredChars = 0;
        JsonNode last;
        try (SseReader sse = new SseReader(response.body())) {
            JsonNode chunk = sse.nextChunk();
            id = chunk.get("id").asString();
            while (!chunk.has("error")) {
                deliveredChars += chunk.get("choices").get(0).path("delta").path("content").asString("").length();
                chunk = sse.nextChunk();
            }
            last = chunk;
        }
        assertThat(deliveredChars).isPositive();
        // Gemini's interim usage counts only the prompt; the text that went out is billed all the same.
        long billed = last.get("usage").get("completion_tokens").asLong();
        assertThat(billed).isGreaterThanOrEqualTo((deliveredChars + 3) / 4);
        JsonNode generation = generation(id);
        assertThat(generation.get("tokens_completion").asLong()).isEqualTo(billed);
        assertThat(generation.get("tokens_prompt").asLong()).isPositive();
    }

    @Test
    void aCancelledGeminiStreamIsBilledForTheTextItDelivered() throws Exception {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", chat("google/long", true));
        String id = "";
        long deliveredChars = 0;
        try (SseReader sse = new SseReader(response.body())) {
            for (int i = 0; i < 5; i++) {
                JsonNode chunk = sse.nextChunk();
                id = chunk.get("id").asString();
                deliveredChars += chunk.get("choices").get(0).path("delta").path("content").asString("").length();
            }
        }
        assertThat(deliveredChars).isPositive();
        JsonNode generation = generation(id);
        assertThat(generation.get("cancelled").asBoolean()).isTrue();
        assertThat(generation.get("tokens_completion").asLong()).isGreaterThanOrEqualTo((deliveredChars + 3) / 4);
    }

    private static JsonNode generation(String id) {
        return Poll.value("the record of generation " + id, () -> {
            HttpResponse<String> r = gateway.get("/api/v1/generation?id=" + id);
            return r.statusCode() == 200 ? java.util.Optional.of(Json.parse(r.body()).get("data")) : java.util.Optional.empty();
        });
    }

    @Test
    void aSlowReaderPausesTheGeminiStream() throws Exception {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions",
                chat("google/firehose", true));
        long sent;
        try (SseReader sse = new SseReader(response.body())) {
            sse.nextChunk();
            // The client stops reading; once the socket buffers on the way are full, the sim must stall.
            sent = Poll.untilSteady("the upstream stalling", Duration.ofMillis(300), () -> gateway.sim().stats().last()
                    .filter(r -> r.model().equals("firehose")).map(SimRequestRecord::bytesSent).orElse(0L));
        }
        // Kernel socket buffers on the three hops can hold a few tens of MB; the whole stream is 200 MB.
        assertThat(sent).isLessThan(48L * 1024 * 1024);
        assertThat(Poll.value("the upstream request closed", () -> gateway.sim().stats().last(), SimRequestRecord::closed)
                .cancelled()).isTrue();
    }
}
