package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.Poll;
import dev.junction.testing.SseReader;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Streaming behaviour a client notices: keep-alives, fallback before the first token, mid-stream errors,
 *  cancellation reaching the upstream, and back-pressure. */
class StreamingTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim("PRIMARY", SimOptions.defaults()
                    .withScript("slow-start", SimScript.empty().withTtftMs(450))
                    .withScript("breaks", SimScript.empty().withReply("one two three four five six")
                            .withFailAfterChunks(3, SimScript.FailMode.DISCONNECT))
                    .withScript("errors", SimScript.empty().withReply("one two three four five six")
                            .withFailAfterChunks(2, SimScript.FailMode.ERROR_EVENT))
                    .withScript("down", SimScript.empty().withStatus(503))
                    .withScript("not-sse", SimScript.builder().contentType("application/json").build())
                    .withScript("not-sse-again", SimScript.builder().contentType("application/json").build())
                    .withScript("empty-sse", SimScript.builder().raw(List.of()).build())
                    .withScript("long", SimScript.empty().withReplyTokens(1000).withChunkIntervalMs(20))
                    .withScript("firehose", SimScript.empty().withReplyTokens(200_000).withPadBytes(1024)))
            .andSim("BACKUP", SimOptions.defaults())
            .config("""
                    providers:
                      primary:
                        name: Primary
                        base-url: ${PRIMARY_URL}
                      backup:
                        name: Backup
                        base-url: ${BACKUP_URL}
                      mirror:
                        name: Mirror
                        base-url: ${PRIMARY_URL}
                      nowhere:
                        name: Nowhere
                        base-url: http://127.0.0.1:9/v1
                    models:
                      test/slow-start:
                        endpoints: [{provider: primary, upstream-model: slow-start}]
                      test/breaks:
                        endpoints: [{provider: primary, upstream-model: breaks}]
                      test/errors:
                        endpoints: [{provider: primary, upstream-model: errors}]
                      test/long:
                        endpoints: [{provider: primary, upstream-model: long}]
                      test/firehose:
                        endpoints: [{provider: primary, upstream-model: firehose}]
                      test/down:
                        endpoints: [{provider: primary, upstream-model: down}]
                      test/not-sse:
                        endpoints: [{provider: primary, upstream-model: not-sse}]
                      test/not-sse-then-backup:
                        endpoints:
                          - {provider: primary, upstream-model: not-sse-again}
                          - {provider: backup, upstream-model: ok}
                      test/empty-sse-then-backup:
                        endpoints:
                          - {provider: mirror, upstream-model: empty-sse}
                          - {provider: backup, upstream-model: ok}
                      test/falls-back:
                        endpoints:
                          - {provider: nowhere, upstream-model: x}
                          - {provider: primary, upstream-model: down}
                          - {provider: backup, upstream-model: ok}
                    """)
            .env("JUNCTION_SERVER_KEEP_ALIVE_INTERVAL", "100ms");

    private static SimServer primary() {
        return gateway.sim("PRIMARY");
    }

    private static SimServer backup() {
        return gateway.sim("BACKUP");
    }

    @BeforeEach
    void reset() {
        primary().stats().reset();
        backup().stats().reset();
    }

    private static String stream(String model) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    }

    @Test
    void anAnswerThatIsNotAStreamIsAFailureBeforeTheFirstToken() {
        // The upstream answers 200 with a whole JSON completion. Usually the client gets the 502 status; on a
        // starved host a keep-alive may have gone out first, and then the same error arrives as the stream's chunk.
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", stream("test/not-sse"));

        JsonNode error;
        if (response.statusCode() == 200) {
            String data = response.body().lines().filter(l -> l.startsWith("data: {")).findFirst().orElseThrow();
            error = Json.parse(data.substring(6)).get("error");
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
            error = Json.parse(response.body()).get("error");
        }
        assertThat(error.get("code").asInt()).isEqualTo(502);
        assertThat(error.get("message").asString()).contains("instead of an event stream");
        assertThat(error.get("metadata").get("provider_name").asString()).isEqualTo("Primary");
    }

    /** A whole JSON answer, or an event stream with not one event in it. */
    @ParameterizedTest
    @ValueSource(strings = {"test/not-sse-then-backup", "test/empty-sse-then-backup"})
    void anAnswerThatIsNotAStreamFallsThroughToTheNextEndpoint(String model) throws Exception {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"hello there"}],
                 "provider":{"order":["primary","mirror","backup"]}}""".formatted(model));
        assertThat(response.statusCode()).isEqualTo(200);
        String id;
        StringBuilder text = new StringBuilder();
        try (SseReader sse = new SseReader(response.body())) {
            List<String> data = sse.readAll();
            assertThat(data).last().isEqualTo("[DONE]");
            JsonNode first = Json.parse(data.getFirst());
            id = first.get("id").asString();
            assertThat(first.get("provider").asString()).isEqualTo("Backup");
            for (String d : data.subList(0, data.size() - 1)) {
                JsonNode choices = Json.parse(d).get("choices");
                if (!choices.isEmpty()) {
                    text.append(choices.get(0).path("delta").path("content").asString(""));
                }
            }
        }
        assertThat(text.toString()).isEqualTo("hello there");
        // The failed attempt is in the generation's record.
        JsonNode generation = generation(id);
        JsonNode attempts = generation.get("provider_responses");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(502);
        assertThat(attempts.get(1).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void keepAliveCommentsFlowWhileWaitingForTheFirstToken() {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", stream("test/slow-start"));
        assertThat(response.statusCode()).isEqualTo(200);
        try (SseReader sse = new SseReader(response.body())) {
            sse.nextData();
            List<String> beforeFirstData = sse.lines().subList(0, sse.lines().size() - 1);
            long comments = beforeFirstData.stream().filter(l -> l.equals(": OPENROUTER PROCESSING")).count();
            assertThat(comments).isGreaterThanOrEqualTo(2); // 450 ms to the first token, one comment per 100 ms
            assertThat(sse.readAll()).last().isEqualTo("[DONE]");
        }
    }

    @Test
    void failureBeforeTheFirstTokenFallsThroughToTheNextEndpoint() {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", """
                {"model":"test/falls-back","stream":true,"messages":[{"role":"user","content":"hello there"}],
                 "provider":{"order":["nowhere","primary","backup"]}}""");
        assertThat(response.statusCode()).isEqualTo(200);
        try (SseReader sse = new SseReader(response.body())) {
            JsonNode first = sse.nextChunk();
            assertThat(first.get("provider").asString()).isEqualTo("Backup");
            assertThat(first.get("model").asString()).isEqualTo("test/falls-back");
            assertThat(sse.readAll()).last().isEqualTo("[DONE]");
        }
        assertThat(primary().stats().count()).isEqualTo(1); // the 503 attempt
        assertThat(backup().stats().last().orElseThrow().completed()).isTrue();
    }

    @Test
    void modelsListFallsBackToTheNextModel() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", """
                {"models":["test/down","test/falls-back"],"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.parse(response.body());
        assertThat(body.get("model").asString()).isEqualTo("test/falls-back");
        assertThat(body.get("provider").asString()).isEqualTo("Backup");
    }

    @Test
    void streamThatFailsBeforeAnyOutputGetsAnHttpError() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", stream("test/down"));
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(Json.parse(response.body()).get("error").get("metadata").get("provider_name").asString())
                .isEqualTo("Primary");
    }

    @Test
    void upstreamDroppingMidStreamBecomesAnErrorChunkAndACleanEnd() {
        assertMidStreamError("test/breaks", "one two three");
    }

    @Test
    void upstreamErrorEventMidStreamBecomesAnErrorChunkAndACleanEnd() {
        assertMidStreamError("test/errors", "one two");
    }

    private static void assertMidStreamError(String model, String contentBeforeError) {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", stream(model));
        assertThat(response.statusCode()).isEqualTo(200);
        try (SseReader sse = new SseReader(response.body())) {
            List<String> data = sse.readAll();
            assertThat(data.getLast()).isEqualTo("[DONE]");
            JsonNode errorChunk = Json.parse(data.get(data.size() - 2));
            assertThat(errorChunk.get("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(errorChunk.get("error").get("code").asInt()).isEqualTo(502);
            assertThat(errorChunk.get("error").get("message").asString()).isNotBlank();
            assertThat(errorChunk.get("error").get("metadata").get("error_type").asString()).isEqualTo("provider_unavailable");
            assertThat(errorChunk.get("choices").get(0).get("finish_reason").asString()).isEqualTo("error");
            assertThat(errorChunk.get("usage").get("completion_tokens").asInt()).isPositive();
            StringBuilder content = new StringBuilder();
            for (String d : data.subList(0, data.size() - 2)) {
                content.append(Json.parse(d).get("choices").get(0).path("delta").path("content").asString(""));
            }
            assertThat(content.toString()).isEqualTo(contentBeforeError);
        }
    }

    @Test
    void clientHangingUpAbortsTheUpstreamAtOnceAndMarksTheGenerationCancelled() throws Exception {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", stream("test/long"));
        String id;
        SseReader sse = new SseReader(response.body());
        id = sse.nextChunk().get("id").asString();
        sse.nextChunk();
        sse.nextChunk();
        long hungUpAt = System.nanoTime();
        response.body().close();

        SimRequestRecord upstream = Poll.value("the upstream request closed", () -> primary().stats().last(), r -> r.closed());
        assertThat(upstream.cancelled()).isTrue();
        assertThat(upstream.chunksSent()).isLessThan(100);
        Duration seenAfter = upstream.closedSince(hungUpAt).orElseThrow();
        assertThat(seenAfter).isLessThan(Duration.ofMillis(250));

        JsonNode generation = generation(id);
        assertThat(generation.get("cancelled").asBoolean()).isTrue();
        assertThat(generation.get("streamed").asBoolean()).isTrue();
        assertThat(generation.get("tokens_completion").asInt()).isPositive();
    }

    @Test
    void slowReaderPausesTheUpstreamInsteadOfBuffering() throws Exception {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", stream("test/firehose"));
        SseReader sse = new SseReader(response.body());
        sse.nextChunk();
        // The client stops reading. The upstream may fill the socket buffers on the way, then must stall.
        long stalledAt = Poll.untilSteady("the upstream stalling", Duration.ofMillis(300),
                () -> primary().stats().last().map(SimRequestRecord::bytesSent).orElse(0L));
        long total = 200_000L * 1024;
        assertThat(stalledAt).isLessThan(48L * 1024 * 1024).isLessThan(total / 4);
        response.body().close();
        SimRequestRecord upstream = Poll.value("the upstream request closed", () -> primary().stats().last(),
                SimRequestRecord::closed);
        assertThat(upstream.cancelled()).isTrue();
    }

    /** The generation's record, once it is written. */
    private static JsonNode generation(String id) {
        return Poll.value("the record of generation " + id, () -> {
            HttpResponse<String> r = gateway.get("/api/v1/generation?id=" + id);
            return r.statusCode() == 200 ? Optional.of(Json.parse(r.body()).get("data")) : Optional.empty();
        });
    }
}
