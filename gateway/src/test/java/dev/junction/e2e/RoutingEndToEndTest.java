package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing across several real upstreams: one answering 503, one that never answers, one slow but
 * healthy. The request still succeeds and says who served; with fallbacks off it fails cleanly and
 * lists what was tried.
 */
class RoutingEndToEndTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim("FAILING", SimOptions.defaults().withDefaultScript(SimScript.empty().withStatus(503)))
            .andSim("HANGING", SimOptions.defaults().withDefaultScript(SimScript.empty().withHang(true)))
            .andSim("SLOW", SimOptions.defaults().withDefaultScript(SimScript.empty().withTtftMs(200)))
            .config("""
                    catalog: {bundled: false}
                    upstream: {first-byte-timeout: 2s}
                    providers:
                      failing: {name: Failing, base-url: "${FAILING_URL}"}
                      hanging: {name: Hanging, base-url: "${HANGING_URL}"}
                      slow:    {name: Slow,    base-url: "${SLOW_URL}"}
                    models:
                      acme/model:
                        endpoints:
                          - {provider: failing, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000001"}}
                          - {provider: hanging, upstream-model: m, pricing: {prompt: "0.000002", completion: "0.000002"}}
                          - {provider: slow,    upstream-model: m, pricing: {prompt: "0.000003", completion: "0.000003"}}
                    """);

    private static final String BY_PRICE = """
            {"model":"acme/model","messages":[{"role":"user","content":"hi"}],"provider":{"sort":"price"}}""";

    @Test
    void aFailingAndAHangingProviderAreSkippedAndTheResponseSaysWhoServed() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", BY_PRICE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = Json.parse(response.body());
        assertThat(body.get("provider").asString()).isEqualTo("Slow");
        assertThat(body.get("model").asString()).isEqualTo("acme/model");

        JsonNode generation = Json.parse(gateway.get("/api/v1/generation?id=" + body.get("id").asString()).body()).get("data");
        JsonNode attempts = generation.get("provider_responses");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).get("provider_name").asString()).isEqualTo("Failing");
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(502);
        assertThat(attempts.get(1).get("provider_name").asString()).isEqualTo("Hanging");
        assertThat(attempts.get(1).get("status").asInt()).isEqualTo(408);
        assertThat(attempts.get(2).get("provider_name").asString()).isEqualTo("Slow");
        assertThat(attempts.get(2).get("status").asInt()).isEqualTo(200);
        assertThat(gateway.sim("HANGING").stats().last().orElseThrow().cancelled()).isTrue();
    }

    @Test
    void providersThatJustFailedAreTriedLastByDefault() {
        gateway.post("/api/v1/chat/completions", BY_PRICE); // both failing providers fail once
        for (int i = 0; i < 5; i++) {
            gateway.sim("FAILING").stats().reset();
            HttpResponse<String> response = gateway.post("/api/v1/chat/completions", """
                    {"model":"acme/model","messages":[{"role":"user","content":"hi"}]}""");
            assertThat(Json.parse(response.body()).get("provider").asString()).isEqualTo("Slow");
            assertThat(gateway.sim("FAILING").stats().count()).isZero();
        }
    }

    @Test
    void withoutFallbacksTheRequestFailsCleanlyListingTheAttempts() {
        long slowBefore = gateway.sim("SLOW").stats().count();
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", """
                {"model":"acme/model","messages":[{"role":"user","content":"hi"}],
                 "provider":{"order":["failing","hanging"],"allow_fallbacks":false}}""");
        assertThat(response.statusCode()).isEqualTo(408);
        JsonNode error = Json.parse(response.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(408);
        JsonNode attempts = error.get("metadata").get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("provider_name").asString()).isEqualTo("Failing");
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(502);
        assertThat(attempts.get(1).get("provider_name").asString()).isEqualTo("Hanging");
        assertThat(gateway.sim("SLOW").stats().count()).as("the endpoint outside provider.order is never tried")
                .isEqualTo(slowBefore);
    }
}
