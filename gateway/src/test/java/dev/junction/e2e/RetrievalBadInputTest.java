package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.money.Money;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad embeddings and rerank requests — empty input, wrong types, out-of-range numbers, a model of the wrong kind — are
 * 400s in OpenRouter's envelope naming the field or the model; nothing goes upstream and nothing is charged.
 */
class RetrievalBadInputTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                      reranker: {name: Reranker, kind: rerank, base-url: "${SIM_URL}"}
                    models:
                      acme/embed:
                        output-modalities: [embeddings]
                        endpoints: [{provider: sim, upstream-model: emb, pricing: {prompt: "0.0000001"}}]
                      acme/rerank:
                        output-modalities: [rerank]
                        endpoints: [{provider: reranker, upstream-model: rr, pricing: {prompt: "0.0000001"}}]
                      acme/chat:
                        endpoints: [{provider: sim, upstream-model: sim-echo, pricing: {prompt: "0.000001", completion: "0.000001"}}]
                    """);

    private static String key;

    @BeforeEach
    void keyAndSim() {
        if (key == null) {
            key = gateway.createKey("bad-input", KeyKind.STANDARD, Optional.of(Money.ofUsd(BigDecimal.ONE)));
        }
        gateway.sim().stats().reset();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/embeddings | {"model":"acme/embed","input":""}                          | input
            /api/v1/embeddings | {"model":"acme/embed","input":[]}                          | input
            /api/v1/embeddings | {"model":"acme/embed"}                                     | input
            /api/v1/embeddings | {"model":"acme/embed","input":42}                          | input
            /api/v1/embeddings | {"model":"acme/embed","input":["a",1]}                     | input[1]
            /api/v1/embeddings | {"model":"acme/embed","input":[[1,-2]]}                    | input[0][1]
            /api/v1/embeddings | {"model":"acme/embed","input":[{"content":[{"type":"audio"}]}]} | input[0].content[0].type
            /api/v1/embeddings | {"model":"acme/embed","input":"x","dimensions":0}          | dimensions
            /api/v1/embeddings | {"model":"acme/embed","input":"x","dimensions":1e400}      | dimensions
            /api/v1/embeddings | {"model":"acme/embed","input":"x","encoding_format":"int8"} | encoding_format
            /api/v1/embeddings | {"model":"acme/embed","input":"x","input_type":3}          | input_type
            /api/v1/embeddings | {"model":["acme/embed"],"input":"x"}                       | model
            /api/v1/embeddings | {"input":"x"}                                              | model
            /api/v1/embeddings | {"model":"acme/chat","input":"x"}                          | acme/chat
            /api/v1/embeddings | {"model":"acme/rerank","input":"x"}                        | acme/rerank
            /v1/embeddings     | {"model":"acme/embed","input":"x","models":[7]}            | models
            /api/v1/rerank     | {"model":"acme/rerank","documents":["a"]}                  | query
            /api/v1/rerank     | {"model":"acme/rerank","query":"q","documents":[]}         | documents
            /api/v1/rerank     | {"model":"acme/rerank","query":"q","documents":"a"}        | documents
            /api/v1/rerank     | {"model":"acme/rerank","query":"q","documents":[{"title":"a"}]} | documents[0]
            /api/v1/rerank     | {"model":"acme/rerank","query":"q","documents":["a"],"top_n":0} | top_n
            /api/v1/rerank     | {"model":"acme/rerank","query":"q","documents":["a"],"return_documents":"yes"} | return_documents
            /api/v1/rerank     | {"model":"acme/embed","query":"q","documents":["a"]}       | acme/embed
            /v1/rerank         | {"model":"acme/chat","query":"q","documents":["a"]}        | acme/chat
            /api/v1/chat/completions | {"model":"acme/rerank","messages":[{"role":"user","content":"hi"}]} | acme/rerank
            """)
    void isA400NamingWhatIsWrongAndCostsNothing(String path, String body, String named) {
        HttpResponse<String> response = gateway.send(gateway.requestAs(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Json.parse(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("message").asString()).contains(named);
        assertThat(gateway.sim().stats().requests()).isEmpty();
        JsonNode keyInfo = Json.parse(gateway.send(gateway.requestAs("/api/v1/key", key).GET().build()).body()).path("data");
        assertThat(keyInfo.path("usage").decimalValue()).isZero();
    }
}
