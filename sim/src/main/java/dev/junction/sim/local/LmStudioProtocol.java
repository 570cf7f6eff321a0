package dev.junction.sim.local;

import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.ScriptedResponder;
import dev.junction.sim.engine.SimProtocol;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * LM Studio's REST API model list, {@code GET /api/v0/models}: every model with its {@code type} ({@code llm},
 * {@code vlm} or {@code embeddings}), load {@code state} and {@code max_context_length}, which its OpenAI-compatible
 * {@code /v1/models} does not report. LM Studio needs no API key.
 */
public final class LmStudioProtocol implements SimProtocol {
    private static final String MODELS_PATH = "/api/v0/models";

    @Override
    public Optional<Endpoint> endpoint(HttpMethod method, String path) {
        if (method.equals(HttpMethod.GET) && path.equals(MODELS_PATH)) {
            return Optional.of(LmStudioProtocol::listModels);
        }
        return Optional.empty();
    }

    private static void listModels(Exchange exchange) {
        var options = exchange.options();
        exchange.respond(200, ScriptedResponder.JSON, Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("object", "list");
            g.writeArrayPropertyStart("data");
            for (String id : options.models()) {
                writeModel(g, id, options.contextLength(id));
            }
            g.writeEndArray();
            g.writeEndObject();
        }), Map.of());
    }

    private static void writeModel(JsonGenerator g, String id, int contextLength) {
        g.writeStartObject();
        g.writeStringProperty("id", id);
        g.writeStringProperty("object", "model");
        g.writeStringProperty("type", LocalModel.isEmbedding(id) ? "embeddings" : LocalModel.isVision(id) ? "vlm" : "llm");
        g.writeStringProperty("publisher", "junction-sim");
        g.writeStringProperty("arch", LocalModel.ARCHITECTURE);
        g.writeStringProperty("compatibility_type", "gguf");
        g.writeStringProperty("quantization", LocalModel.QUANTIZATION);
        g.writeStringProperty("state", "loaded");
        g.writeNumberProperty("max_context_length", contextLength);
        g.writeEndObject();
    }
}
