package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/rerank} end to end through a provider of kind {@code rerank} to the sim's {@code /rerank}:
 * results most relevant first with their documents, {@code top_n} and {@code return_documents}, exact usage and cost,
 * the generation recorded, and a failed upstream falling back to the next endpoint.
 */
class RerankTest {
    private static final String TOKEN_PRICE = "0.00000005";
    private static final String REQUEST_PRICE = "0.001";
    private static final String DOCUMENTS = """
            ["blue sky", {"text": "an apple pie, warm"}, "red apple"]""";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults().withScript("rerank-down", SimScript.builder().status(500).build()))
            .config("""
                    providers:
                      jina: {name: Jina, kind: rerank, base-url: "${SIM_URL}"}
                      flaky: {name: Flaky, kind: rerank, base-url: "${SIM_URL}"}
                    models:
                      jina/reranker-v2:
                        output-modalities: [rerank]
                        endpoints:
                          - {provider: jina, upstream-model: jina-reranker-v2, pricing: {prompt: "%s", request: "%s"}}
                      acme/flaky-rerank:
                        output-modalities: [rerank]
                        endpoints:
                          - {provider: flaky, upstream-model: rerank-down}
                          - {provider: jina, upstream-model: jina-reranker-v2}
                    """.formatted(TOKEN_PRICE, REQUEST_PRICE));

    @BeforeEach
    void resetSim() {
        gateway.sim().stats().reset();
    }

    private static JsonNode rerank(String extra) {
        HttpResponse<String> response = gateway.post("/api/v1/rerank", """
                {"model": "jina/reranker-v2", "query": "red apple pie", "documents": %s%s}""".formatted(DOCUMENTS, extra));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    @Test
    void resultsComeMostRelevantFirstWithTheirDocumentsAndAnExactCost() {
        JsonNode answer = rerank("");
        assertThat(answer.path("id").asString()).startsWith("gen-");
        assertThat(answer.path("model").asString()).isEqualTo("jina/reranker-v2");
        assertThat(answer.path("provider").asString()).isEqualTo("Jina");
        JsonNode results = answer.path("results");
        assertThat(results).extracting(r -> r.path("index").asInt()).containsExactly(1, 2, 0);
        assertThat(results.get(0).path("relevance_score").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(results.get(2).path("relevance_score").asDouble()).isZero();
        assertThat(results.get(0).path("document").path("text").asString()).isEqualTo("an apple pie, warm");
        assertThat(results.get(1).path("document").path("text").asString()).isEqualTo("red apple");

        // The sim counts the query's words once per document, plus each document's words.
        long tokens = (3 + 2) + (3 + 4) + (3 + 2);
        assertThat(answer.path("usage").path("total_tokens").asLong()).isEqualTo(tokens);
        assertThat(answer.path("usage").path("search_units").asInt()).isEqualTo(1);
        BigDecimal cost = new BigDecimal(TOKEN_PRICE).multiply(BigDecimal.valueOf(tokens)).add(new BigDecimal(REQUEST_PRICE));
        assertThat(answer.path("usage").path("cost").decimalValue()).isEqualByComparingTo(cost);

        JsonNode sent = gateway.sim().stats().requests().getFirst().body();
        assertThat(sent.path("model").asString()).isEqualTo("jina-reranker-v2");
        assertThat(sent.path("query").asString()).isEqualTo("red apple pie");
        assertThat(sent.path("return_documents").asBoolean()).isFalse(); // echoed from the request instead

        JsonNode generation = dev.junction.testing.Poll.value("the generation record", () -> {
            HttpResponse<String> r = gateway.get("/api/v1/generation?id=" + answer.path("id").asString());
            return r.statusCode() == 200 ? java.util.Optional.of(Json.parse(r.body()).get("data")) : java.util.Optional.empty();
        });
        assertThat(generation.path("total_cost").decimalValue()).isEqualByComparingTo(cost);
        assertThat(generation.path("tokens_prompt").asLong()).isEqualTo(tokens);
        assertThat(generation.path("api_type").asString()).isEqualTo("rerank");
    }

    @Test
    void topNCutsTheListAndReturnDocumentsFalseLeavesThemOut() {
        JsonNode answer = rerank(", \"top_n\": 1, \"return_documents\": false");
        assertThat(answer.path("results")).hasSize(1);
        assertThat(answer.path("results").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(answer.path("results").get(0).has("document")).isFalse();
        assertThat(gateway.sim().stats().requests().getFirst().body().path("top_n").asInt()).isEqualTo(1);
    }

    @Test
    void aFailedUpstreamFallsBackToTheNextEndpoint() {
        HttpResponse<String> response = gateway.post("/api/v1/rerank", """
                {"model": "acme/flaky-rerank", "query": "apple", "documents": ["apple", "pear"],
                 "provider": {"order": ["flaky", "jina"]}}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Json.parse(response.body());
        assertThat(answer.path("provider").asString()).isEqualTo("Jina");
        assertThat(answer.path("results").get(0).path("index").asInt()).isZero();
        assertThat(gateway.sim().stats().requests()).extracting(SimRequestRecord::status).containsExactly(500, 200);
    }
}
