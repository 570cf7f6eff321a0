package dev.junction.sim.gemini;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimScriptException;
import dev.junction.sim.embeddings.EmbeddingVectors;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.ScriptResolver;
import dev.junction.sim.engine.ScriptedResponder;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Gemini's embeddings: {@code models/{model}:embedContent} ({@code {"embedding":{"values":[…]}}}) and
 * {@code :batchEmbedContents} (at most {@value #MAX_BATCH} requests, each naming the path's model;
 * {@code {"embeddings":[{"values":[…]}, …]}} in order). A content's text is its text parts joined; its vector is
 * {@link EmbeddingVectors}' — the same as {@code /v1/embeddings} gives for the same text — shortened to
 * {@code outputDimensionality}. Like the real API, the answer carries no token counts, and unknown fields, an unknown
 * {@code taskType} or a content without text are refused (400).
 */
final class GeminiEmbeddings {
    /** Google's limit on the requests of one batch. */
    static final int MAX_BATCH = 100;
    private static final Set<String> REQUEST_FIELDS = Set.of("model", "content", "taskType", "task_type", "title",
            "outputDimensionality", "output_dimensionality", ScriptResolver.BODY_FIELD);
    private static final Set<String> TASK_TYPES = Set.of("TASK_TYPE_UNSPECIFIED", "RETRIEVAL_QUERY",
            "RETRIEVAL_DOCUMENT", "SEMANTIC_SIMILARITY", "CLASSIFICATION", "CLUSTERING", "QUESTION_ANSWERING",
            "FACT_VERIFICATION", "CODE_RETRIEVAL_QUERY");

    private GeminiEmbeddings() {
    }

    private record Embed(String text, int dimensions) {
    }

    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    static void single(Exchange exchange, String model) {
        serve(exchange, model, body -> List.of(embed(body, "EmbedContentRequest", model)), false);
    }

    static void batch(Exchange exchange, String model) {
        serve(exchange, model, body -> {
            JsonNode requests = body.path("requests");
            if (!requests.isArray() || requests.isEmpty()) {
                throw new Invalid("* BatchEmbedContentsRequest.requests: requests is not specified\n");
            }
            if (requests.size() > MAX_BATCH) {
                throw new Invalid("* BatchEmbedContentsRequest.requests: at most " + MAX_BATCH
                        + " requests can be in one batch\n");
            }
            List<Embed> embeds = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                JsonNode request = requests.get(i);
                String named = request.path("model").asString("");
                if (!named.equals("models/" + model)) {
                    throw new Invalid("* BatchEmbedContentsRequest.requests[" + i + "].model: the model of each "
                            + "request must be the batch's (models/" + model + "), got '" + named + "'\n");
                }
                embeds.add(embed(request, "BatchEmbedContentsRequest.requests[" + i + "]", model));
            }
            return embeds;
        }, true);
    }

    private interface Reader {
        List<Embed> read(JsonNode body);
    }

    private static void serve(Exchange exchange, String model, Reader reader, boolean batch) {
        JsonNode body = exchange.body();
        exchange.record().request(model, false);
        if (!GeminiProtocol.authorized(exchange)) {
            return;
        }
        if (exchange.bodyError().isPresent() || !body.isObject()) {
            GeminiErrors.invalid(exchange, "Invalid JSON payload received. "
                    + exchange.bodyError().orElse("Expected a JSON object."));
            return;
        }
        List<Embed> embeds;
        SimScript script;
        try {
            if (batch) {
                known(body, Set.of("requests", ScriptResolver.BODY_FIELD));
            }
            embeds = reader.read(body);
            script = ScriptResolver.resolve(exchange.options(), model, body);
        } catch (Invalid e) {
            GeminiErrors.invalid(exchange, e.getMessage());
            return;
        } catch (SimScriptException e) {
            GeminiErrors.invalid(exchange, "Invalid sim script: " + e.getMessage());
            return;
        }
        ScriptedResponder.respondWhole(exchange, script, status -> GeminiErrors.body(GeminiErrors.scripted(status, script)),
                () -> answer(embeds, batch));
    }

    private static Buffer answer(List<Embed> embeds, boolean batch) {
        return Json.buffer(g -> {
            g.writeStartObject();
            if (batch) {
                g.writeArrayPropertyStart("embeddings");
                for (Embed e : embeds) {
                    values(g, e);
                }
                g.writeEndArray();
            } else {
                g.writeName("embedding");
                values(g, embeds.getFirst());
            }
            g.writeEndObject();
        });
    }

    private static void values(JsonGenerator g, Embed e) {
        g.writeStartObject();
        g.writeArrayPropertyStart("values");
        for (float v : EmbeddingVectors.of(e.text(), e.dimensions())) {
            g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static Embed embed(JsonNode request, String path, String model) {
        known(request, REQUEST_FIELDS);
        JsonNode parts = request.path("content").path("parts");
        if (!parts.isArray() || parts.isEmpty()) {
            throw new Invalid("* " + path + ".content.parts: contents.parts must not be empty.\n");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if (!part.path("text").isString()) {
                throw new Invalid("* " + path + ".content.parts: " + model + " embeds text parts only.\n");
            }
            text.append(part.path("text").asString());
        }
        if (text.isEmpty()) {
            throw new Invalid("* " + path + ".content: the text to embed is empty.\n");
        }
        JsonNode task = request.has("taskType") ? request.get("taskType") : request.path("task_type");
        if (!task.isMissingNode() && !TASK_TYPES.contains(task.asString(""))) {
            throw new Invalid("Invalid value at '" + path + ".task_type' (type.googleapis.com/google.ai."
                    + "generativelanguage.v1beta.TaskType), \"" + task.asString("") + "\"");
        }
        JsonNode size = request.has("outputDimensionality") ? request.get("outputDimensionality")
                : request.path("output_dimensionality");
        int dimensions = EmbeddingVectors.DEFAULT_DIMENSIONS;
        if (!size.isMissingNode()) {
            if (!size.isIntegralNumber() || size.asLong() < 1 || size.asLong() > EmbeddingVectors.MAX_DIMENSIONS) {
                throw new Invalid("* " + path + ".output_dimensionality: must be from 1 to "
                        + EmbeddingVectors.MAX_DIMENSIONS + "\n");
            }
            dimensions = size.asInt();
        }
        return new Embed(text.toString(), dimensions);
    }

    private static void known(JsonNode object, Set<String> fields) {
        for (String name : object.propertyNames()) {
            if (!fields.contains(name)) {
                throw new Invalid("Invalid JSON payload received. Unknown name \"" + name + "\": Cannot find field.");
            }
        }
    }
}
