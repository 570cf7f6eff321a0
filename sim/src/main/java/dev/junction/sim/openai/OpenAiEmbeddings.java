package dev.junction.sim.openai;

import dev.junction.sim.SimScript;
import dev.junction.sim.SimScriptException;
import dev.junction.sim.embeddings.EmbeddingVectors;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.ScriptResolver;
import dev.junction.sim.engine.ScriptedResponder;
import dev.junction.sim.engine.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/embeddings} as OpenAI serves it: {@code input} as a string, an array of strings, an array of token
 * ids or an array of those arrays (at most {@value #MAX_INPUTS} inputs, none empty), {@code dimensions} and
 * {@code encoding_format} ({@code float} or {@code base64}). The vectors are {@link EmbeddingVectors}'; a token is a
 * word of the text (or one token id). A script's {@code status}, {@code ttft_ms} and {@code hang} apply as for chat.
 */
final class OpenAiEmbeddings {
    /** OpenAI's limit on the inputs of one request. */
    static final int MAX_INPUTS = 2048;

    private OpenAiEmbeddings() {
    }

    /** One input: the text its vector derives from and its tokens. */
    private record Input(String text, int tokens) {
    }

    static void handle(Exchange exchange) {
        if (!OpenAiProtocol.acceptedJsonObject(exchange)) {
            return;
        }
        JsonNode body = exchange.body();
        String model = body.path("model").asString("");
        List<Input> inputs;
        int dimensions;
        boolean base64;
        SimScript script;
        try {
            if (model.isEmpty()) {
                throw new OpenAiPrompts.InvalidRequest("you must provide a model parameter", Optional.of("model"));
            }
            inputs = inputs(body.get("input"));
            dimensions = dimensions(body.get("dimensions"));
            base64 = base64(body.get("encoding_format"));
            script = ScriptResolver.resolve(exchange.options(), model, body);
        } catch (OpenAiPrompts.InvalidRequest e) {
            OpenAiErrors.badRequest(exchange, e.getMessage(), e.param);
            return;
        } catch (SimScriptException e) {
            OpenAiErrors.badRequest(exchange, "Invalid sim script: " + e.getMessage(),
                    Optional.of(ScriptResolver.BODY_FIELD));
            return;
        }
        ScriptedResponder.respondWhole(exchange, script, status -> OpenAiErrors.body(OpenAiErrors.scripted(status, script)),
                () -> answer(model, inputs, dimensions, base64));
    }

    private static io.vertx.core.buffer.Buffer answer(String model, List<Input> inputs, int dimensions, boolean base64) {
        int tokens = inputs.stream().mapToInt(Input::tokens).sum();
        return Json.buffer(g -> {
            g.writeStartObject();
            g.writeStringProperty("object", "list");
            g.writeArrayPropertyStart("data");
            for (int i = 0; i < inputs.size(); i++) {
                float[] vector = EmbeddingVectors.of(inputs.get(i).text(), dimensions);
                g.writeStartObject();
                g.writeStringProperty("object", "embedding");
                g.writeNumberProperty("index", i);
                if (base64) {
                    g.writeStringProperty("embedding", EmbeddingVectors.base64(vector));
                } else {
                    g.writeArrayPropertyStart("embedding");
                    for (float v : vector) {
                        g.writeNumber(v);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringProperty("model", model);
            g.writeObjectPropertyStart("usage");
            g.writeNumberProperty("prompt_tokens", tokens);
            g.writeNumberProperty("total_tokens", tokens);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static List<Input> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw new OpenAiPrompts.InvalidRequest("you must provide an input parameter", Optional.of("input"));
        }
        if (input.isString()) {
            return List.of(text(input));
        }
        if (!input.isArray() || input.isEmpty()) {
            throw invalidInput();
        }
        if (input.get(0).isNumber()) {
            return List.of(tokens(input));
        }
        if (input.size() > MAX_INPUTS) {
            throw new OpenAiPrompts.InvalidRequest("'$.input' is invalid: an array of at most " + MAX_INPUTS
                    + " inputs is allowed, got " + input.size(), Optional.of("input"));
        }
        List<Input> inputs = new ArrayList<>(input.size());
        for (JsonNode item : input) {
            inputs.add(item.isString() ? text(item) : tokens(item));
        }
        return inputs;
    }

    private static Input text(JsonNode item) {
        String text = item.asString();
        if (text.isEmpty()) {
            throw invalidInput();
        }
        return new Input(text, Words.count(text));
    }

    private static Input tokens(JsonNode item) {
        if (!item.isArray() || item.isEmpty()) {
            throw invalidInput();
        }
        int[] tokens = new int[item.size()];
        for (int i = 0; i < tokens.length; i++) {
            JsonNode token = item.get(i);
            if (!token.isIntegralNumber() || token.asLong() < 0 || token.asLong() > Integer.MAX_VALUE) {
                throw invalidInput();
            }
            tokens[i] = token.asInt();
        }
        return new Input(EmbeddingVectors.tokensText(tokens), tokens.length);
    }

    private static int dimensions(JsonNode value) {
        if (value == null || value.isNull()) {
            return EmbeddingVectors.DEFAULT_DIMENSIONS;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > EmbeddingVectors.MAX_DIMENSIONS) {
            throw new OpenAiPrompts.InvalidRequest("'$.dimensions' is invalid: expected an integer from 1 to "
                    + EmbeddingVectors.MAX_DIMENSIONS, Optional.of("dimensions"));
        }
        return value.asInt();
    }

    private static boolean base64(JsonNode value) {
        if (value == null || value.isNull() || "float".equals(value.asString(""))) {
            return false;
        }
        if ("base64".equals(value.asString(""))) {
            return true;
        }
        throw new OpenAiPrompts.InvalidRequest("'$.encoding_format' is invalid: expected 'float' or 'base64'",
                Optional.of("encoding_format"));
    }

    private static OpenAiPrompts.InvalidRequest invalidInput() {
        return new OpenAiPrompts.InvalidRequest("'$.input' is invalid. Please check the API reference: "
                + "https://platform.openai.com/docs/api-reference.", Optional.of("input"));
    }
}
