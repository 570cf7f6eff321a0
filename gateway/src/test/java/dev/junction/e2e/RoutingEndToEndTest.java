package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing across several real upstreams: one answering 503, one that never answers, one slow but
 * healthy. The request still succeeds and says who served; with fallbacks off it fails cleanly and
 * lists what was tried.
 */
class RoutingEndToEndTest {
    private static Sims sims;
    private static SimServer failing;
    private static SimServer hanging;
    private static SimServer slow;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        sims = new Sims();
        failing = sims.start(SimOptions.defaults().withDefaultScript(SimScript.empty().withStatus(503)));
        hanging = sims.start(SimOptions.defaults().withDefaultScript(SimScript.empty().withHang(true)));
        slow = sims.start(SimOptions.defaults().withDefaultScript(SimScript.empty().withTtftMs(200)));
        gateway = TestGateway.start("""
                catalog: {bundled: false}
                upstream: {first-byte-timeout: 2s}
                providers:
                  failing: {name: Failing, base-url: "${FAILING}"}
                  hanging: {name: Hanging, base-url: "${HANGING}"}
                  slow:    {name: Slow,    base-url: "${SLOW}"}
                models:
                  acme/model:
                    endpoints:
                      - {provider: failing, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000001"}}
                      - {provider: hanging, upstream-model: m, pricing: {prompt: "0.000002", completion: "0.000002"}}
                      - {provider: slow,    upstream-model: m, pricing: {prompt: "0.000003", completion: "0.000003"}}
                """, Map.of("FAILING", failing.baseUrl(), "HANGING", hanging.baseUrl(), "SLOW", slow.baseUrl()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sims.close();
    }

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
        assertThat(hanging.stats().last().orElseThrow().cancelled()).isTrue();
    }

    @Test
    void providersThatJustFailedAreTriedLastByDefault() {
        gateway.post("/api/v1/chat/completions", BY_PRICE); // both failing providers fail once
        for (int i = 0; i < 5; i++) {
            failing.stats().reset();
            HttpResponse<String> response = gateway.post("/api/v1/chat/completions", """
                    {"model":"acme/model","messages":[{"role":"user","content":"hi"}]}""");
            assertThat(Json.parse(response.body()).get("provider").asString()).isEqualTo("Slow");
            assertThat(failing.stats().count()).isZero();
        }
    }

    @Test
    void withoutFallbacksTheRequestFailsCleanlyListingTheAttempts() {
        long slowBefore = slow.stats().count();
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
        assertThat(slow.stats().count()).as("the endpoint outside provider.order is never tried").isEqualTo(slowBefore);
    }
}
