package dev.junction.providers;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.SseReader;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upstream idle timeout after a response has started ({@code upstream.idle-timeout}): an upstream
 * that goes quiet mid-stream for longer ends the stream with a timeout error chunk, and one that keeps
 * talking within the timeout is never cut off.
 */
class IdleTimeoutTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults()
                    .withScript("stalls", SimScript.empty().withReply("one two three four").withChunkIntervalMs(1500))
                    .withScript("steady", SimScript.empty().withReply("one two three four five six").withChunkIntervalMs(150)))
            .config("""
                    upstream:
                      idle-timeout: 400ms
                    providers:
                      sim:
                        name: Sim
                        base-url: ${SIM_URL}
                    models:
                      test/stalls:
                        endpoints: [{provider: sim, upstream-model: stalls}]
                      test/steady:
                        endpoints: [{provider: sim, upstream-model: steady}]
                    """);

    @Test
    void upstreamSilentLongerThanTheIdleTimeoutEndsTheStreamWithATimeoutError() {
        List<String> data = stream("test/stalls");
        assertThat(data.getLast()).isEqualTo("[DONE]");
        JsonNode error = Json.parse(data.get(data.size() - 2)).get("error");
        assertThat(error.get("message").asString()).contains("did not answer in time")
                .containsPattern("The timeout period of \\d+ms has been exceeded while executing POST /v1/chat/completions");
    }

    @Test
    void upstreamTalkingWithinTheIdleTimeoutIsNeverCutOff() {
        List<String> data = stream("test/steady");
        assertThat(data.getLast()).isEqualTo("[DONE]");
        assertThat(String.join("", data)).doesNotContain("\"error\"");
    }

    private static List<String> stream(String model) {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        try (SseReader sse = new SseReader(response.body())) {
            return sse.readAll();
        }
    }
}
