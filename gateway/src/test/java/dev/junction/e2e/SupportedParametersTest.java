package dev.junction.e2e;

import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model advertises the parameters of the endpoints that can serve it: one whose only reasoning-capable endpoint has
 * no credentials does not offer {@code reasoning}, and {@code require_parameters} holds each endpoint to its own list.
 */
class SupportedParametersTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      plain:
                        name: Plain
                        base-url: ${SIM_URL}
                        supported-parameters: [temperature, max_tokens, tools]
                      thinking:
                        name: Thinking
                        base-url: ${SIM_URL}
                        reasoning-dialect: vllm
                      locked:
                        name: Locked
                        base-url: ${SIM_URL}
                        api-key-env: SUPPORTED_PARAMETERS_TEST_UNSET
                        supported-parameters: [temperature, max_tokens, tools, reasoning, include_reasoning]
                    models:
                      acme/gpt:
                        endpoints:
                          - {provider: plain, upstream-model: g}
                          - {provider: locked, upstream-model: g}
                      acme/thinker:
                        endpoints:
                          - {provider: thinking, upstream-model: t}
                    """);

    private static List<String> parameters(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(p -> names.add(p.asString()));
        return names;
    }

    private static JsonNode model(String id) {
        for (JsonNode m : Json.parse(gateway.get("/api/v1/models").body()).get("data")) {
            if (m.get("id").asString().equals(id)) {
                return m;
            }
        }
        throw new AssertionError(id + " is not listed");
    }

    @Test
    void aModelDoesNotAdvertiseWhatOnlyAnEndpointWithoutCredentialsAccepts() {
        assertThat(parameters(model("acme/gpt").get("supported_parameters")))
                .containsExactlyInAnyOrder("temperature", "max_tokens", "tools");
        JsonNode params = Json.parse(gateway.get("/api/v1/parameters/acme/gpt").body()).get("data");
        assertThat(parameters(params.get("supported_parameters"))).doesNotContain("reasoning", "include_reasoning");
        assertThat(parameters(Json.parse(gateway.get("/api/v1/model/acme/gpt").body()).at("/data/supported_parameters")))
                .doesNotContain("reasoning");

        assertThat(parameters(model("acme/thinker").get("supported_parameters")))
                .as("a self-hosted reasoning dialect takes reasoning by default").contains("reasoning", "include_reasoning");
        List<String> reasoningModels = new ArrayList<>();
        Json.parse(gateway.get("/api/v1/models?supported_parameters=reasoning").body()).get("data")
                .forEach(m -> reasoningModels.add(m.get("id").asString()));
        assertThat(reasoningModels).containsExactly("acme/thinker");
    }

    @Test
    void requireParametersHoldsEachEndpointToItsOwnList() {
        HttpResponse<String> refused = gateway.post("/api/v1/chat/completions", """
                {"model":"acme/gpt","messages":[{"role":"user","content":"hi"}],
                 "reasoning":{"effort":"high"},"provider":{"require_parameters":true}}""");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
        assertThat(Json.parse(refused.body()).at("/error/message").asString()).contains("require_parameters");

        HttpResponse<String> served = gateway.post("/api/v1/chat/completions", """
                {"model":"acme/thinker","messages":[{"role":"user","content":"hi"}],
                 "reasoning":{"effort":"high"},"provider":{"require_parameters":true}}""");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    }
}
