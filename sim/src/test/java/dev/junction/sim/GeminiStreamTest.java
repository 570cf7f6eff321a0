package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.sim.engine.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Gemini protocol, streamed: SSE and JSON-array framing, pieces, usage, failures and raw replay. */
class GeminiStreamTest {
    private static final String SSE = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";

    private final SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    private static String request(String text, String sim) {
        return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}]"
                + (sim.isEmpty() ? "" : ",\"sim\":" + sim) + "}";
    }

    /** The events of an SSE body, asserting Google's framing: {@code data: <json>} ended by CRLF CRLF, no [DONE]. */
    private static List<JsonNode> events(String body) {
        assertThat(body).endsWith("\r\n\r\n");
        List<JsonNode> events = new ArrayList<>();
        for (String frame : body.substring(0, body.length() - 4).split("\r\n\r\n", -1)) {
            assertThat(frame).startsWith("data: ").doesNotContain("\n");
            events.add(SimHarness.json(frame.substring("data: ".length())));
        }
        return events;
    }

    private static String text(JsonNode event) {
        StringBuilder text = new StringBuilder();
        event.path("candidates").path(0).path("content").path("parts")
                .forEach(p -> text.append(p.path("text").asString("")));
        return text.toString();
    }

    @Test
    void streamsTextPiecesThenAFinishWithTheFullUsage() throws Exception {
        HttpResponse<String> response = h.post(SSE, request("one two three", ""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        List<JsonNode> events = events(response.body());
        assertThat(events).hasSize(4);
        assertThat(events.stream().map(GeminiStreamTest::text).toList())
                .containsExactly("one", " two", " three", "");
        String responseId = events.getFirst().get("responseId").stringValue();
        assertThat(events).allSatisfy(e -> assertThat(e.get("responseId").stringValue()).isEqualTo(responseId));
        assertThat(events.get(0).get("usageMetadata")).isEqualTo(SimHarness.json("""
                {"promptTokenCount":3,"totalTokenCount":3,"promptTokensDetails":[{"modality":"TEXT","tokenCount":3}]}"""));
        assertThat(events.get(0).get("candidates").get(0).has("finishReason")).isFalse();
        JsonNode last = events.getLast();
        assertThat(last.get("candidates").get(0).get("finishReason").stringValue()).isEqualTo("STOP");
        assertThat(last.get("usageMetadata").get("candidatesTokenCount").intValue()).isEqualTo(3);
        assertThat(last.get("usageMetadata").get("totalTokenCount").intValue()).isEqualTo(6);
        assertThat(h.awaitLastClosed().chunksSent()).isEqualTo(4);
    }

    @Test
    void withoutAltSseTheStreamIsOneJsonArray() throws Exception {
        HttpResponse<String> response = h.post("/v1beta/models/m:streamGenerateContent", request("a b", ""));

        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
        JsonNode array = SimHarness.json(response.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        assertThat(text(array.get(0)) + text(array.get(1))).isEqualTo("a b");
    }

    @Test
    void thoughtsStreamFirstAndCallsComeWholeInOneEvent() throws Exception {
        HttpResponse<String> response = h.post(SSE, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}],"
                + "\"generationConfig\":{\"thinkingConfig\":{\"includeThoughts\":true}},\"sim\":{\"reasoning\":"
                + "\"hmm ok\",\"tool_calls\":[{\"name\":\"a\",\"arguments\":{\"n\":1}},{\"name\":\"b\"}]}}");
        List<JsonNode> events = events(response.body());

        assertThat(events).hasSize(4);
        JsonNode thought = events.get(0).get("candidates").get(0).get("content").get("parts").get(0);
        assertThat(thought.get("thought").booleanValue()).isTrue();
        assertThat(thought.get("text").stringValue()).isEqualTo("hmm");
        JsonNode calls = events.get(2).get("candidates").get(0).get("content").get("parts");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).get("functionCall").get("args")).isEqualTo(SimHarness.json("{\"n\":1}"));
        assertThat(calls.get(0).get("thoughtSignature").isString()).isTrue();
        assertThat(calls.get(1).has("thoughtSignature")).isFalse();
        JsonNode last = events.get(3);
        assertThat(last.get("candidates").get(0).get("finishReason").stringValue()).isEqualTo("STOP");
        assertThat(last.get("usageMetadata").get("thoughtsTokenCount").intValue()).isEqualTo(2);
    }

    @Test
    void aSignedTextAnswerEndsWithTheSignatureInAnEmptyPart() throws Exception {
        List<JsonNode> events = events(h.post(SSE, request("x", "{\"reasoning\":\"r\"}")).body());
        JsonNode part = events.getLast().get("candidates").get(0).get("content").get("parts").get(0);
        assertThat(part.get("text").stringValue()).isEmpty();
        assertThat(part.get("thoughtSignature").isString()).isTrue();
    }

    @Test
    void errorEventModeSendsGooglesErrorMidStream() throws Exception {
        HttpResponse<String> response = h.post(SSE, request("a b c d",
                "{\"fail_after_chunks\":2,\"fail_mode\":\"error_event\",\"error_message\":\"overloaded\","
                        + "\"error_type\":\"UNAVAILABLE\"}"));

        List<JsonNode> events = events(response.body());
        assertThat(events).hasSize(3);
        assertThat(events.getLast()).isEqualTo(SimHarness.json("""
                {"error":{"code":500,"message":"overloaded","status":"UNAVAILABLE"}}"""));
        SimRequestRecord r = h.awaitLastClosed();
        assertThat(r.failed()).isTrue();
        assertThat(r.completed()).isTrue();
    }

    @Test
    void disconnectModeDropsTheConnection() throws Exception {
        try (var client = h.raw(65536)) {
            client.post(SSE, request("a b c d", "{\"fail_after_chunks\":1}"));
            client.drainUntilClosed();
            assertThat(client.text()).contains("\"text\":\"a\"").doesNotContain("\" b\"");
        }
        assertThat(h.awaitLastClosed().failed()).isTrue();
    }

    @Test
    void aRecordedGeminiStreamReplaysThroughRaw() throws Exception {
        String recorded = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}],\"role\": \"model\"},"
                + "\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 2,\"totalTokenCount\": 2},"
                + "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"abc\"}\r\n\r\n";
        String last = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"!\"}],\"role\": \"model\"},"
                + "\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 2,"
                + "\"candidatesTokenCount\": 2,\"totalTokenCount\": 4},\"modelVersion\": \"gemini-2.5-flash\","
                + "\"responseId\": \"abc\"}\r\n\r\n";
        String raw = Json.MAPPER.writeValueAsString(List.of(recorded, last));
        HttpResponse<String> response = h.post(SSE, request("x", "{\"raw\":" + raw + "}"));

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).isEqualTo(recorded + last);
        assertThat(h.awaitLastClosed().chunksSent()).isEqualTo(2);
    }
}
