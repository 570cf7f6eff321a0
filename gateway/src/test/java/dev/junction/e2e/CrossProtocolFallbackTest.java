package dev.junction.e2e;

import dev.junction.sim.SimServer;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.Poll;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request one provider's protocol cannot express is served by another endpoint of the model that can, and
 * the generation's record says why the first was passed over; with no such endpoint, the caller gets a 400.
 */
class CrossProtocolFallbackTest {
    /** A tool whose schema refers to itself: JSON Schema allows it, Gemini's schema subset does not. */
    private static final String RECURSIVE_TOOL = """
            {"model":"%s","messages":[{"role":"user","content":"Build a tree."}],
             "provider":{"order":["gemini-sim","openai-sim"]},
             "tools":[{"type":"function","function":{"name":"make_tree","parameters":{
               "$ref":"#/$defs/node",
               "$defs":{"node":{"type":"object","properties":{"label":{"type":"string"},
                 "children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}}}}}]}""";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    providers:
                      gemini-sim:
                        name: Google AI Studio
                        kind: gemini
                        base-url: ${SIM_GEMINI_URL}
                      openai-sim:
                        name: OpenAI
                        base-url: ${SIM_URL}
                    models:
                      test/tree-builder:
                        endpoints:
                          - {provider: gemini-sim, upstream-model: gemini-2.5-flash}
                          - {provider: openai-sim, upstream-model: gpt-4o-mini}
                      test/gemini-only:
                        endpoints:
                          - {provider: gemini-sim, upstream-model: gemini-2.5-flash}
                    """);

    @Test
    void aSchemaGeminiCannotExpressIsServedByTheNextEndpointAndTheLogSaysWhy() {
        SimServer sim = gateway.sim();
        long before = sim.stats().count();

        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", RECURSIVE_TOOL.formatted("test/tree-builder"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = Json.parse(response.body());
        assertThat(body.get("provider").asString()).isEqualTo("OpenAI");
        assertThat(sim.stats().count() - before).as("only the endpoint that could take it was called").isEqualTo(1);

        String id = body.get("id").asString();
        JsonNode generation = Poll.value("the generation's record", () -> {
            HttpResponse<String> r = gateway.get("/api/v1/generation?id=" + id);
            return r.statusCode() == 200 ? Optional.of(Json.parse(r.body()).get("data")) : Optional.empty();
        });
        JsonNode attempts = generation.get("provider_responses");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("provider_name").asString()).isEqualTo("Google AI Studio");
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(400);
        assertThat(attempts.get(0).get("message").asString()).contains("recursive");
        assertThat(attempts.get(1).get("provider_name").asString()).isEqualTo("OpenAI");
        assertThat(attempts.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(attempts.get(1).has("message")).isFalse();
    }

    @Test
    void withNoEndpointThatCanExpressItTheCallerGetsA400SayingWhy() {
        SimServer sim = gateway.sim();
        long before = sim.stats().count();

        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", RECURSIVE_TOOL.formatted("test/gemini-only"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.parse(response.body()).get("error");
        assertThat(error.get("message").asString()).contains("recursive");
        assertThat(error.get("metadata").get("error_type").asString()).isEqualTo("invalid_request");
        assertThat(sim.stats().count()).as("nothing was sent upstream").isEqualTo(before);
    }
}
