package dev.junction.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.keys.KeyKind;
import dev.junction.money.Money;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.sim.embeddings.EmbeddingVectors;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.Poll;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK's {@code embeddings().create} through Junction, to the sim's OpenAI-compatible
 * {@code /embeddings} and to its Gemini {@code embedContent}/{@code batchEmbedContents}: the vectors are the sim's for
 * each text, in order, in float and in base64 alike; {@code dimensions} reaches the upstream; 300 inputs go upstream in
 * batches and come back in order; usage and cost are exact and land on the key and in {@code /generation}.
 */
class EmbeddingsSdkTest {
    private static final String OPENAI_PRICE = "0.00000002";
    private static final String GEMINI_PRICE = "0.00000015";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults().withScript("emb-down", SimScript.builder().status(503).build()))
            .config("""
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}", embedding-batch-size: 128}
                      down: {name: Down, base-url: "${SIM_URL}"}
                      google: {name: Google AI Studio, kind: gemini, base-url: "${SIM_GEMINI_URL}"}
                    models:
                      openai/text-embedding-3-small:
                        output-modalities: [embeddings]
                        endpoints:
                          - {provider: sim, upstream-model: emb, pricing: {prompt: "%s"}}
                      google/gemini-embedding-001:
                        output-modalities: [embeddings]
                        endpoints:
                          - {provider: google, upstream-model: gemini-embedding-001, pricing: {prompt: "%s"}}
                      acme/flaky-embed:
                        output-modalities: [embeddings]
                        endpoints:
                          - {provider: down, upstream-model: emb-down, pricing: {prompt: "%s"}}
                          - {provider: sim, upstream-model: emb, pricing: {prompt: "%s"}}
                      acme/chat:
                        endpoints: [{provider: sim, upstream-model: sim-echo}]
                    """.formatted(OPENAI_PRICE, GEMINI_PRICE, OPENAI_PRICE, OPENAI_PRICE));

    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        client = OpenAIOkHttpClient.builder().apiKey(gateway.key()).baseUrl(gateway.url("/api/v1")).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BeforeEach
    void resetSim() {
        gateway.sim().stats().reset();
    }

    private static CreateEmbeddingResponse embed(String model, List<String> inputs,
                                                 EmbeddingCreateParams.EncodingFormat format, Long dimensions) {
        EmbeddingCreateParams.Builder params = EmbeddingCreateParams.builder().model(model).inputOfArrayOfStrings(inputs)
                .encodingFormat(format);
        if (dimensions != null) {
            params.dimensions(dimensions);
        }
        return client.embeddings().create(params.build());
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static float[] littleEndianFloats(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.remaining() / Float.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.getFloat();
        }
        return out;
    }

    private static BigDecimal cost(CreateEmbeddingResponse response) {
        return new BigDecimal(response.usage()._additionalProperties().get("cost").toString());
    }

    private static String id(CreateEmbeddingResponse response) {
        return String.valueOf(response._additionalProperties().get("id").asString().orElseThrow());
    }

    @Test
    void openAiCompatibleFloatAndBase64DecodeToTheSimsVectorsWithExactUsageAndCost() {
        List<String> texts = List.of("the quick brown fox", "jumps", "over the lazy dog");
        CreateEmbeddingResponse floats = embed("openai/text-embedding-3-small", texts,
                EmbeddingCreateParams.EncodingFormat.FLOAT, 16L);
        CreateEmbeddingResponse base64 = embed("openai/text-embedding-3-small", texts,
                EmbeddingCreateParams.EncodingFormat.BASE64, 16L);
        for (int i = 0; i < texts.size(); i++) {
            float[] expected = EmbeddingVectors.of(texts.get(i), 16);
            assertThat(floats.data().get(i).index()).isEqualTo(i);
            assertThat(floats(floats.data().get(i).embedding())).containsExactly(expected);
            assertThat(littleEndianFloats(base64.data().get(i).embeddingValue().asBase64())).containsExactly(expected);
        }
        assertThat(floats.model()).isEqualTo("openai/text-embedding-3-small");
        assertThat(floats.usage().promptTokens()).isEqualTo(9); // the sim's tokens are words
        assertThat(floats.usage().totalTokens()).isEqualTo(9);
        assertThat(cost(floats)).isEqualByComparingTo(new BigDecimal(OPENAI_PRICE).multiply(BigDecimal.valueOf(9)));
        assertThat(cost(base64)).isEqualByComparingTo(cost(floats));

        JsonNode sent = gateway.sim().stats().requests().getFirst().body();
        assertThat(sent.path("model").asString()).isEqualTo("emb");
        assertThat(sent.path("dimensions").asInt()).isEqualTo(16);
        assertThat(sent.path("encoding_format").asString()).isEqualTo("float");
    }

    @Test
    void threeHundredInputsGoUpstreamInBatchesAndReturnInOrder() {
        List<String> texts = IntStream.range(0, 300).mapToObj(i -> "input number " + i).toList();
        CreateEmbeddingResponse response = embed("openai/text-embedding-3-small", texts,
                EmbeddingCreateParams.EncodingFormat.FLOAT, 4L);
        assertThat(response.data()).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(response.data().get(i).index()).isEqualTo(i);
            assertThat(floats(response.data().get(i).embedding())).as("input %d", i)
                    .containsExactly(EmbeddingVectors.of(texts.get(i), 4));
        }
        List<SimRequestRecord> upstream = gateway.sim().stats().requests();
        assertThat(upstream).extracting(r -> r.body().path("input").size()).containsExactlyInAnyOrder(128, 128, 44);
        assertThat(upstream).extracting(r -> r.body().path("input").get(0).asString())
                .containsExactlyInAnyOrder("input number 0", "input number 128", "input number 256");
        assertThat(response.usage().promptTokens()).isEqualTo(900);
        assertThat(cost(response)).isEqualByComparingTo(new BigDecimal(OPENAI_PRICE).multiply(BigDecimal.valueOf(900)));
    }

    @Test
    void geminiTranslatesDimensionsAndTaskTypeAndBatchesAHundredAtATime() {
        List<String> texts = IntStream.range(0, 250).mapToObj(i -> "doc " + i).toList();
        CreateEmbeddingResponse floats = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("google/gemini-embedding-001").inputOfArrayOfStrings(texts).dimensions(8)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                .putAdditionalBodyProperty("input_type", com.openai.core.JsonValue.from("search_document")).build());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(floats(floats.data().get(i).embedding())).containsExactly(EmbeddingVectors.of(texts.get(i), 8));
        }
        List<SimRequestRecord> upstream = gateway.sim().stats().requests();
        assertThat(upstream).extracting(SimRequestRecord::path).containsOnly("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(upstream).extracting(r -> r.body().path("requests").size()).containsExactlyInAnyOrder(100, 100, 50);
        JsonNode first = upstream.getFirst().body().path("requests").get(0);
        assertThat(first.path("taskType").asString()).isEqualTo("RETRIEVAL_DOCUMENT");
        assertThat(first.path("outputDimensionality").asInt()).isEqualTo(8);
        assertThat(first.path("model").asString()).isEqualTo("models/gemini-embedding-001");

        // Gemini counts no tokens: four characters a token, over the whole input, priced exactly.
        long chars = texts.stream().mapToLong(String::length).sum();
        long tokens = (chars + 3) / 4;
        assertThat(floats.usage().promptTokens()).isEqualTo(tokens);
        assertThat(cost(floats)).isEqualByComparingTo(new BigDecimal(GEMINI_PRICE).multiply(BigDecimal.valueOf(tokens)));
    }

    @Test
    void geminiOneInputGoesThroughEmbedContentAndBase64MatchesFloat() {
        CreateEmbeddingResponse base64 = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("google/gemini-embedding-001").input("one lonely text")
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());
        assertThat(littleEndianFloats(base64.data().getFirst().embeddingValue().asBase64()))
                .containsExactly(EmbeddingVectors.of("one lonely text", EmbeddingVectors.DEFAULT_DIMENSIONS));
        assertThat(gateway.sim().stats().requests().getFirst().path())
                .isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
    }

    @Test
    void theGenerationIsRecordedAndChargedToTheKey() {
        String key = gateway.createKey("embedder", KeyKind.STANDARD, Optional.of(Money.ofUsd(new BigDecimal("1"))));
        OpenAIClient own = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.url("/api/v1")).maxRetries(0).build();
        try {
            CreateEmbeddingResponse response = own.embeddings().create(EmbeddingCreateParams.builder()
                    .model("openai/text-embedding-3-small").input("five words are in here").build());
            BigDecimal cost = cost(response);
            assertThat(cost).isEqualByComparingTo(new BigDecimal(OPENAI_PRICE).multiply(BigDecimal.valueOf(5)));
            String id = id(response);
            JsonNode generation = Poll.value("the generation record", () -> {
                HttpResponse<String> r = gateway.send(gateway.requestAs("/api/v1/generation?id=" + id, key).GET().build());
                return r.statusCode() == 200 ? Optional.of(Json.parse(r.body()).get("data")) : Optional.empty();
            });
            assertThat(generation.path("model").asString()).isEqualTo("openai/text-embedding-3-small");
            assertThat(generation.path("tokens_prompt").asLong()).isEqualTo(5);
            assertThat(generation.path("tokens_completion").asLong()).isZero();
            assertThat(generation.path("api_type").asString()).isEqualTo("embeddings");
            assertThat(generation.path("total_cost").decimalValue()).isEqualByComparingTo(cost);
            JsonNode keyInfo = Json.parse(gateway.send(gateway.requestAs("/api/v1/key", key).GET().build()).body()).get("data");
            assertThat(keyInfo.path("usage").decimalValue()).isEqualByComparingTo(cost);
        } finally {
            own.close();
        }
    }

    @Test
    void anUpstreamFailureFallsBackToTheNextEndpoint() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("acme/flaky-embed").input("fall back")
                .putAdditionalBodyProperty("provider", com.openai.core.JsonValue.from(java.util.Map.of("order", List.of("down", "sim"))))
                .build());
        assertThat(floats(response.data().getFirst().embedding()))
                .containsExactly(EmbeddingVectors.of("fall back", EmbeddingVectors.DEFAULT_DIMENSIONS));
        assertThat(response._additionalProperties().get("provider").asString()).contains("Sim");
        assertThat(gateway.sim().stats().requests()).extracting(SimRequestRecord::status).containsExactly(503, 200);
    }

    @Test
    void aChatModelIsRefusedNamingIt() {
        assertThatThrownBy(() -> embed("acme/chat", List.of("x"), EmbeddingCreateParams.EncodingFormat.FLOAT, null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("acme/chat");
        HttpResponse<String> reverse = gateway.post("/api/v1/chat/completions",
                "{\"model\":\"openai/text-embedding-3-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(reverse.statusCode()).isEqualTo(400);
        assertThat(Json.parse(reverse.body()).path("error").path("message").asString())
                .contains("openai/text-embedding-3-small").contains("embeddings");
        assertThat(gateway.sim().stats().requests()).isEmpty();
    }
}
