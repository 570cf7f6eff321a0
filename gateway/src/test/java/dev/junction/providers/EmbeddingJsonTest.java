package dev.junction.providers;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream embeddings read token by token: the vectors kept as their text, checked, and decoded when asked. */
class EmbeddingJsonTest {
    @Test
    void openAisVectorsAreKeptAsTheirTextWithIndexesUsageAndId() {
        EmbeddingJson.Read read = EmbeddingJson.openAi(Buffer.buffer("""
                {"object":"list","id":"emb-1","data":[
                  {"object":"embedding","index":1,"embedding":[0.5, -1.25e-3,2]},
                  {"object":"embedding","index":0,"embedding":"AAAAPwAAgL8="}],
                 "model":"m","usage":{"prompt_tokens":7,"total_tokens":7}}"""));
        assertThat(read.indexes()).containsExactly(1, 0);
        assertThat(EmbeddingJson.text(read.vectors().get(0))).contains("[0.5, -1.25e-3,2]");
        assertThat(EmbeddingJson.floats(read.vectors().get(0))).containsExactly(0.5f, -1.25e-3f, 2f);
        // base64 from an upstream that ignored encoding_format: little-endian float32s 0.5, -1
        assertThat(EmbeddingJson.text(read.vectors().get(1))).isEmpty();
        assertThat(EmbeddingJson.floats(read.vectors().get(1))).containsExactly(0.5f, -1f);
        assertThat(read.promptTokens()).contains(7L);
        assertThat(read.id()).contains("emb-1");
    }

    @Test
    void geminisOneAndManyEmbeddingsAreRead() {
        assertThat(EmbeddingJson.gemini(Buffer.buffer("{\"embedding\":{\"values\":[1,2]}}")).vectors()).hasSize(1);
        EmbeddingJson.Read batch = EmbeddingJson.gemini(Buffer.buffer(
                "{\"embeddings\":[{\"values\":[1]},{\"values\":[2.5]}]}"));
        assertThat(batch.vectors()).extracting(v -> EmbeddingJson.floats(v)[0]).containsExactly(1f, 2.5f);
        assertThat(batch.promptTokens()).isEmpty();
    }

    @Test
    void whatIsNotAnEmbeddingAnswerIsMalformed() {
        for (String bad : List.of("[]", "{\"data\":[{\"embedding\":[1,\"x\"]}]}", "{\"data\":[{\"index\":0}]}",
                "{\"data\":{}}", "{\"data\":[{\"embedding\":\"%%%\"}]}", "{\"error\":{\"message\":\"no\"}}", "{\"data\":[",
                "not json")) {
            assertThatThrownBy(() -> EmbeddingJson.openAi(Buffer.buffer(bad))).as(bad)
                    .isInstanceOf(EmbeddingJson.Malformed.class);
        }
        assertThatThrownBy(() -> EmbeddingJson.gemini(Buffer.buffer("{\"embeddings\":[{\"values\":[true]}]}")))
                .isInstanceOf(EmbeddingJson.Malformed.class);
    }
}
