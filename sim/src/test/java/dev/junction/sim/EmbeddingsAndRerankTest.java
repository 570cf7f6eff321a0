package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.sim.embeddings.EmbeddingVectors;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EmbeddingsAndRerankTest {
    private SimHarness h;

    @BeforeEach
    void start() {
        h = SimHarness.start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void openAiEmbeddingsAreTheTextsVectorsInOrderWithWordsAsTokens() throws Exception {
        HttpResponse<String> r = h.post("/v1/embeddings",
                "{\"model\":\"emb\",\"input\":[\"the quick fox\",\"a dog\"],\"dimensions\":8}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = SimHarness.json(r.body());
        assertThat(body.path("object").asString()).isEqualTo("list");
        assertThat(body.path("model").asString()).isEqualTo("emb");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(5);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(5);
        assertThat(body.path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(floats(body.path("data").get(0).path("embedding"))).containsExactly(EmbeddingVectors.of("the quick fox", 8));
        assertThat(floats(body.path("data").get(1).path("embedding"))).containsExactly(EmbeddingVectors.of("a dog", 8));
    }

    @Test
    void base64IsLittleEndianFloat32OfTheSameVector() throws Exception {
        JsonNode body = SimHarness.json(h.post("/v1/embeddings",
                "{\"model\":\"emb\",\"input\":\"hello\",\"encoding_format\":\"base64\"}").body());
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(body.path("data").get(0).path("embedding").asString()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[bytes.remaining() / 4];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = bytes.getFloat();
        }
        assertThat(decoded).containsExactly(EmbeddingVectors.of("hello", EmbeddingVectors.DEFAULT_DIMENSIONS));
    }

    @Test
    void aShortVectorIsTheUnitLengthPrefixOfTheLongOne() {
        float[] longer = EmbeddingVectors.of("text", 64);
        float[] shorter = EmbeddingVectors.of("text", 8);
        double norm = 0;
        for (float v : shorter) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(Math.signum(shorter[3])).isEqualTo(Math.signum(longer[3]));
    }

    @Test
    void tokenArraysCountOneTokenPerId() throws Exception {
        JsonNode body = SimHarness.json(h.post("/v1/embeddings",
                "{\"model\":\"emb\",\"input\":[[1,2,3],[4]],\"dimensions\":4}").body());
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
        assertThat(floats(body.path("data").get(0).path("embedding")))
                .containsExactly(EmbeddingVectors.of(EmbeddingVectors.tokensText(new int[] {1, 2, 3}), 4));
    }

    @Test
    void openAiRefusesWhatOpenAiRefuses() throws Exception {
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 2049; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"x\"");
        }
        tooMany.append("]");
        for (String bad : List.of("{\"model\":\"emb\",\"input\":\"\"}", "{\"model\":\"emb\",\"input\":[]}",
                "{\"model\":\"emb\"}", "{\"model\":\"emb\",\"input\":\"x\",\"dimensions\":0}",
                "{\"model\":\"emb\",\"input\":\"x\",\"encoding_format\":\"int8\"}",
                "{\"model\":\"emb\",\"input\":" + tooMany + "}")) {
            HttpResponse<String> r = h.post("/v1/embeddings", bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(SimHarness.json(r.body()).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void aScriptedStatusFailsTheEmbedding() throws Exception {
        HttpResponse<String> r = h.post("/v1/embeddings",
                "{\"model\":\"emb\",\"input\":\"x\",\"sim\":{\"status\":503}}");
        assertThat(r.statusCode()).isEqualTo(503);
    }

    @Test
    void geminiEmbedsTheSameVectorsAsOpenAi() throws Exception {
        JsonNode one = SimHarness.json(h.post("/v1beta/models/gem-emb:embedContent",
                "{\"content\":{\"parts\":[{\"text\":\"the quick fox\"}]},\"taskType\":\"RETRIEVAL_QUERY\","
                        + "\"outputDimensionality\":8}").body());
        assertThat(floats(one.path("embedding").path("values"))).containsExactly(EmbeddingVectors.of("the quick fox", 8));
        JsonNode batch = SimHarness.json(h.post("/v1beta/models/gem-emb:batchEmbedContents",
                "{\"requests\":[{\"model\":\"models/gem-emb\",\"content\":{\"parts\":[{\"text\":\"a\"}]}},"
                        + "{\"model\":\"models/gem-emb\",\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}").body());
        assertThat(batch.path("embeddings")).hasSize(2);
        assertThat(floats(batch.path("embeddings").get(1).path("values")))
                .containsExactly(EmbeddingVectors.of("b", EmbeddingVectors.DEFAULT_DIMENSIONS));
        assertThat(batch.has("usageMetadata")).isFalse();
    }

    @Test
    void geminiRefusesBigBatchesUnknownTaskTypesAndOtherModels() throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            requests.append(i == 0 ? "" : ",").append("{\"model\":\"models/g\",\"content\":{\"parts\":[{\"text\":\"x\"}]}}");
        }
        for (String bad : List.of("{\"requests\":[" + requests + "]}",
                "{\"requests\":[{\"model\":\"models/other\",\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}",
                "{\"requests\":[{\"model\":\"models/g\",\"taskType\":\"SEARCH\",\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}",
                "{\"requests\":[{\"model\":\"models/g\",\"dimensions\":3,\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}")) {
            HttpResponse<String> r = h.post("/v1beta/models/g:batchEmbedContents", bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(SimHarness.json(r.body()).path("error").path("status").asString()).isEqualTo("INVALID_ARGUMENT");
        }
    }

    @Test
    void rerankOrdersByWordOverlapAndHonoursTopNAndReturnDocuments() throws Exception {
        String request = "{\"model\":\"rr\",\"query\":\"red apple pie\",\"documents\":[\"blue sky\","
                + "{\"text\":\"an apple pie, warm\"},\"red apple\"],\"top_n\":2";
        JsonNode body = SimHarness.json(h.post("/v1/rerank", request + "}").body());
        JsonNode results = body.path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("index").asInt()).isEqualTo(1);
        assertThat(results.get(0).path("relevance_score").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(results.get(0).path("document").path("text").asString()).isEqualTo("an apple pie, warm");
        assertThat(results.get(1).path("index").asInt()).isEqualTo(2);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(3 * 3 + 2 + 4 + 2);
        assertThat(body.path("meta").path("billed_units").path("search_units").asInt()).isEqualTo(1);

        JsonNode bare = SimHarness.json(h.post("/v2/rerank", request + ",\"return_documents\":false}").body());
        assertThat(bare.path("results").get(0).has("document")).isFalse();
        assertThat(h.post("/v1/rerank", "{\"model\":\"rr\",\"query\":\"q\",\"documents\":[]}").statusCode()).isEqualTo(400);
    }

    private static float[] floats(JsonNode array) {
        List<Float> values = new ArrayList<>();
        array.forEach(v -> values.add(v.floatValue()));
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
