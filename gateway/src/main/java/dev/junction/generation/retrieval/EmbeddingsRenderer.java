package dev.junction.generation.retrieval;

import dev.junction.generation.Answer;
import dev.junction.providers.EmbeddingEncoding;
import dev.junction.wire.JsonBuffers;
import io.vertx.core.buffer.Buffer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * An embeddings answer as OpenRouter's (and OpenAI's) list: {@code id}, {@code object: list}, {@code data} with each
 * input's {@code embedding} at its {@code index}, {@code model}, {@code provider}, and {@code usage} with
 * {@code prompt_tokens}, {@code total_tokens} and the exact {@code cost}. Each component is written as a float32 —
 * what embedding models produce — so that {@code encoding_format: base64} (the same float32s, little-endian) decodes to
 * the very numbers the float answer shows.
 */
final class EmbeddingsRenderer extends WholeAnswerRenderer {
    static final EmbeddingsRenderer FLOAT = new EmbeddingsRenderer(false);
    static final EmbeddingsRenderer BASE64 = new EmbeddingsRenderer(true);

    private final boolean base64;

    private EmbeddingsRenderer(boolean base64) {
        this.base64 = base64;
    }

    @Override
    public Buffer answer(Answer answer) {
        JsonNode data = answer.body().path("data");
        int sizeHint = 256 + data.size() * (base64 ? 16 : 12) * Math.max(1, data.path(0).path("embedding").size());
        return JsonBuffers.write(sizeHint, null, out -> {
            out.writeStartObject();
            out.writeStringProperty("id", answer.identity().id());
            out.writeStringProperty("object", "list");
            out.writeArrayPropertyStart("data");
            for (JsonNode item : data) {
                out.writeStartObject();
                out.writeStringProperty("object", "embedding");
                out.writeNumberProperty("index", item.path("index").asInt());
                writeEmbedding(out, item.path("embedding"));
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeStringProperty("model", answer.identity().model());
            out.writeStringProperty("provider", answer.identity().provider());
            out.writeObjectPropertyStart("usage");
            out.writeNumberProperty("prompt_tokens", answer.settlement().usage().promptTokens());
            out.writeNumberProperty("total_tokens", answer.settlement().usage().promptTokens());
            out.writeNumberProperty("cost", answer.settlement().cost().total().toUsd());
            out.writeBooleanProperty("is_byok", false);
            out.writeEndObject();
            out.writeEndObject();
        }, null);
    }

    private void writeEmbedding(JsonGenerator out, JsonNode vector) {
        if (base64) {
            float[] floats = new float[vector.size()];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = vector.get(i).floatValue();
            }
            out.writeStringProperty("embedding", EmbeddingEncoding.encode(floats));
            return;
        }
        out.writeArrayPropertyStart("embedding");
        for (JsonNode v : vector) {
            out.writeNumber(v.floatValue());
        }
        out.writeEndArray();
    }
}
