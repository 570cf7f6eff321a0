package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.SseReader;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code :exacto} and {@code provider.sort: "exacto"} prefer the endpoint with the better measured tool-calling record:
 * of two endpoints serving one model, the cheaper one answers tool calls whose arguments do not match the tool's
 * schema; once both have been measured, both spellings choose the other.
 */
class ExactoTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim("SLOPPY", SimOptions.defaults().withDefaultScript(SimScript.builder()
                    .toolCall("get_weather", "{\"town\":\"Oslo\"}").build()))
            .andSim("PRECISE", SimOptions.defaults().withDefaultScript(SimScript.builder()
                    .toolCall("get_weather", "{\"city\":\"Oslo\"}").build()))
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sloppy:  {name: Sloppy, base-url: "${SLOPPY_URL}"}
                      precise: {name: Precise, base-url: "${PRECISE_URL}"}
                    models:
                      acme/agent:
                        endpoints:
                          - {provider: sloppy, upstream-model: a, pricing: {prompt: "0.000001", completion: "0.000001"}}
                          - {provider: precise, upstream-model: a, pricing: {prompt: "0.000002", completion: "0.000002"}}
                    """);

    private static final String TOOLS = """
            "messages":[{"role":"user","content":"Weather in Oslo?"}],
            "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
              "required":["city"],"additionalProperties":false,"properties":{"city":{"type":"string"}}}}}]""";

    private static JsonNode ask(String model, String provider) {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions",
                "{\"model\":\"" + model + "\"," + TOOLS + ",\"provider\":" + provider + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    @BeforeAll
    static void eachEndpointAnswersToolCallsStreamedAndNot() {
        for (String provider : new String[] {"sloppy", "precise"}) {
            JsonNode answer = ask("acme/agent", "{\"only\":[\"" + provider + "\"]}");
            assertThat(answer.at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
            HttpResponse<InputStream> stream = gateway.postStreaming("/api/v1/chat/completions",
                    "{\"model\":\"acme/agent\"," + TOOLS + ",\"stream\":true,\"provider\":{\"only\":[\"" + provider + "\"]}}");
            try (SseReader reader = new SseReader(stream.body())) {
                assertThat(reader.readAll()).last().isEqualTo("[DONE]");
            }
        }
    }

    @Test
    void theExactoVariantChoosesTheEndpointWithTheBetterToolCallRecord() {
        JsonNode answer = ask("acme/agent:exacto", "{}");
        assertThat(answer.get("provider").asString()).isEqualTo("Precise");
        assertThat(answer.get("model").asString()).isEqualTo("acme/agent:exacto");
    }

    @Test
    void sortExactoChoosesItToo() {
        assertThat(ask("acme/agent", "{\"sort\":\"exacto\"}").get("provider").asString()).isEqualTo("Precise");
        assertThat(ask("acme/agent", "{\"sort\":{\"by\":\"exacto\"}}").get("provider").asString()).isEqualTo("Precise");
        assertThat(ask("acme/agent", "{\"sort\":\"price\"}").get("provider").asString())
                .as("by price, the sloppy endpoint would serve").isEqualTo("Sloppy");
    }
}
