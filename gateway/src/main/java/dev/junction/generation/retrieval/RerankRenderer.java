package dev.junction.generation.retrieval;

import dev.junction.generation.Answer;
import dev.junction.wire.JsonBuffers;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.JsonNode;

/**
 * A rerank answer as OpenRouter's: {@code id}, {@code model}, {@code provider}, {@code results} most relevant first
 * (as the provider put them) and {@code usage} with {@code total_tokens}, the upstream's {@code search_units} when it
 * counts them, and the exact {@code cost}.
 */
final class RerankRenderer extends WholeAnswerRenderer {
    static final RerankRenderer INSTANCE = new RerankRenderer();

    private RerankRenderer() {}

    @Override
    public Buffer answer(Answer answer) {
        return JsonBuffers.write(512, null, out -> {
            out.writeStartObject();
            out.writeStringProperty("id", answer.identity().id());
            out.writeStringProperty("model", answer.identity().model());
            out.writeStringProperty("provider", answer.identity().provider());
            out.writeName("results");
            out.writeTree(answer.body().path("results"));
            out.writeObjectPropertyStart("usage");
            out.writeNumberProperty("total_tokens", answer.settlement().usage().promptTokens());
            JsonNode searchUnits = answer.body().get("search_units");
            if (searchUnits != null) {
                out.writeName("search_units");
                out.writeTree(searchUnits);
            }
            out.writeNumberProperty("cost", answer.settlement().cost().total().toUsd());
            out.writeEndObject();
            out.writeEndObject();
        }, null);
    }
}
