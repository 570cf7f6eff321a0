package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FailureTest {
    private final SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    private static String streamRequest(String sim) {
        return """
                {"model":"m","stream":true,"messages":[{"role":"user","content":"x"}],"sim":%s}""".formatted(sim);
    }

    @Test
    void disconnectModeDropsTheConnectionAfterNContentChunks() throws Exception {
        try (var client = h.raw(65536)) {
            client.post("/v1/chat/completions", streamRequest("{\"reply_tokens\":10,\"fail_after_chunks\":3}"));
            long received = client.drainUntilClosed();
            assertThat(received).isPositive();
            assertThat(client.text()).contains("\"content\":\" tok2\"").doesNotContain("tok3").doesNotContain("[DONE]")
                    .as("the chunked response never ends properly").doesNotEndWith("0\r\n\r\n");
        }
        SimRequestRecord r = h.awaitLastClosed();
        assertThat(r.failed()).isTrue();
        assertThat(r.completed()).isFalse();
        assertThat(r.cancelled()).isFalse();
        assertThat(r.chunksSent()).isEqualTo(1 + 3);
    }

    @Test
    void jdkClientSeesADisconnectAsAnIoError() {
        assertThatThrownBy(() -> h.post("/v1/chat/completions",
                streamRequest("{\"reply_tokens\":10,\"fail_after_chunks\":2}")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void errorEventModeSendsOpenAisErrorEventAndEndsTheStream() throws Exception {
        HttpResponse<String> response = h.post("/v1/chat/completions",
                streamRequest("{\"reply\":\"a b c d\",\"fail_after_chunks\":2,\"fail_mode\":\"error_event\","
                        + "\"error_message\":\"upstream exploded\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = SimHarness.sseData(response.body(), false);
        assertThat(data).hasSize(1 + 2 + 1);
        assertThat(data.getLast()).isEqualTo("{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":null}}");
        JsonNode second = SimHarness.json(data.get(2));
        assertThat(second.get("choices").get(0).get("delta").get("content").stringValue()).isEqualTo(" b");

        SimRequestRecord r = h.awaitLastClosed();
        assertThat(r.failed()).isTrue();
        assertThat(r.completed()).isTrue();
        assertThat(r.chunksSent()).isEqualTo(4);
    }

    @Test
    void failAfterMoreChunksThanTheReplyHasNeverFails() throws Exception {
        HttpResponse<String> response = h.post("/v1/chat/completions",
                streamRequest("{\"reply\":\"a b\",\"fail_after_chunks\":2}"));

        SimHarness.sseData(response.body(), true);
        assertThat(h.awaitLastClosed().failed()).isFalse();
    }

    @Test
    void nonStreamedErrorEventFailureIsA500() throws Exception {
        HttpResponse<String> response = h.post("/v1/chat/completions", """
                {"model":"m","messages":[],"sim":{"reply_tokens":5,"fail_after_chunks":1,"fail_mode":"error_event"}}""");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(SimHarness.json(response.body()).get("error").get("type").stringValue()).isEqualTo("server_error");
        assertThat(h.awaitLastClosed().failed()).isTrue();
    }
}
