package dev.junction.sim.local;

import dev.junction.sim.SimOptions;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.ScriptedResponder;
import dev.junction.sim.engine.SimProtocol;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * Ollama's native model APIs: {@code GET /api/tags} lists the local models, {@code POST /api/show} with
 * {@code {"model": name}} (older clients send {@code name}) describes one, with its context window as
 * {@code model_info["<architecture>.context_length"]}. Errors are Ollama's {@code {"error": "..."}}.
 */
public final class OllamaProtocol implements SimProtocol {
    private static final long SIZE = 4_920_753_328L;

    @Override
    public Optional<Endpoint> endpoint(HttpMethod method, String path) {
        if (method.equals(HttpMethod.GET) && path.equals("/api/tags")) {
            return Optional.of(OllamaProtocol::tags);
        }
        if (method.equals(HttpMethod.POST) && path.equals("/api/show")) {
            return Optional.of(OllamaProtocol::show);
        }
        return Optional.empty();
    }

    private static void tags(Exchange exchange) {
        exchange.respond(200, ScriptedResponder.JSON, Json.buffer(g -> {
            g.writeStartObject();
            g.writeArrayPropertyStart("models");
            for (String id : exchange.options().models()) {
                g.writeStartObject();
                g.writeStringProperty("name", id);
                g.writeStringProperty("model", id);
                g.writeStringProperty("modified_at", LocalModel.MODIFIED_AT);
                g.writeNumberProperty("size", SIZE);
                g.writeStringProperty("digest", LocalModel.digest(id));
                writeDetails(g);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }), Map.of());
    }

    private static void show(Exchange exchange) {
        var body = exchange.body();
        String id = body.path("model").asString(body.path("name").asString(""));
        if (id.isEmpty()) {
            error(exchange, 400, "model is required");
            return;
        }
        SimOptions options = exchange.options();
        if (!options.models().contains(id)) {
            error(exchange, 404, "model '" + id + "' not found");
            return;
        }
        String arch = LocalModel.ARCHITECTURE;
        exchange.respond(200, ScriptedResponder.JSON, Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("modelfile", "FROM " + id + "\n");
            g.writeStringProperty("parameters", "stop \"<|eot_id|>\"");
            g.writeStringProperty("template", "{{ .Prompt }}");
            writeDetails(g);
            g.writeObjectPropertyStart("model_info");
            g.writeStringProperty("general.architecture", arch);
            g.writeNumberProperty("general.parameter_count", 8_030_261_248L);
            g.writeNumberProperty(arch + ".context_length", options.contextLength(id));
            g.writeNumberProperty(arch + ".embedding_length", 4096);
            g.writeEndObject();
            g.writeArrayPropertyStart("capabilities");
            g.writeString(LocalModel.isEmbedding(id) ? "embedding" : "completion");
            if (LocalModel.isVision(id)) {
                g.writeString("vision");
            }
            g.writeEndArray();
            g.writeStringProperty("modified_at", LocalModel.MODIFIED_AT);
            g.writeEndObject();
        }), Map.of());
    }

    private static void writeDetails(JsonGenerator g) {
        g.writeObjectPropertyStart("details");
        g.writeStringProperty("parent_model", "");
        g.writeStringProperty("format", "gguf");
        g.writeStringProperty("family", LocalModel.ARCHITECTURE);
        g.writeArrayPropertyStart("families");
        g.writeString(LocalModel.ARCHITECTURE);
        g.writeEndArray();
        g.writeStringProperty("parameter_size", "8.0B");
        g.writeStringProperty("quantization_level", LocalModel.QUANTIZATION);
        g.writeEndObject();
    }

    private static void error(Exchange exchange, int status, String message) {
        exchange.respond(status, ScriptedResponder.JSON, Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("error", message);
            g.writeEndObject();
        }), Map.of());
    }
}
