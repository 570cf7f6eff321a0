package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * The sampling and output fields of a request as Gemini's {@code generationConfig}: {@code temperature},
 * {@code top_p} → {@code topP}, {@code top_k} → {@code topK}, {@code max_completion_tokens} (else
 * {@code max_tokens}) → {@code maxOutputTokens}, {@code stop} → {@code stopSequences}, {@code seed},
 * {@code presence_penalty} / {@code frequency_penalty}, {@code n} → {@code candidateCount},
 * {@code logprobs} / {@code top_logprobs} → {@code responseLogprobs} / {@code logprobs},
 * {@code response_format} → {@code responseMimeType} + {@code responseSchema}, and {@code reasoning} →
 * {@code thinkingConfig} ({@link GeminiThinking}). OpenRouter-only samplers ({@code min_p}, {@code top_a},
 * {@code repetition_penalty}) and {@code logit_bias} have no Gemini equivalent and are dropped.
 */
final class GeminiGenerationConfig {
    private GeminiGenerationConfig() {}

    static Optional<ObjectNode> of(JsonNode body, String upstreamModel) {
        ObjectNode config = Json.object();
        copyNumber(body, "temperature", config, "temperature");
        copyNumber(body, "top_p", config, "topP");
        copyNumber(body, "top_k", config, "topK");
        JsonNode max = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        if (max != null && max.isIntegralNumber()) {
            config.put("maxOutputTokens", max.asLong());
        }
        stop(body.get("stop"), config);
        copyNumber(body, "seed", config, "seed");
        copyNumber(body, "presence_penalty", config, "presencePenalty");
        copyNumber(body, "frequency_penalty", config, "frequencyPenalty");
        JsonNode n = body.get("n");
        if (n != null && n.isIntegralNumber() && n.asInt() != 1) {
            config.put("candidateCount", n.asInt());
        }
        if (body.path("logprobs").asBoolean(false)) {
            config.put("responseLogprobs", true);
            copyNumber(body, "top_logprobs", config, "logprobs");
        }
        responseFormat(body.get("response_format"), config);
        GeminiThinking.config(body, upstreamModel).ifPresent(thinking -> config.set("thinkingConfig", thinking));
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
    }

    private static void copyNumber(JsonNode body, String from, ObjectNode config, String to) {
        JsonNode value = body.get(from);
        if (value != null && value.isNumber()) {
            config.set(to, value);
        }
    }

    private static void stop(JsonNode stop, ObjectNode config) {
        if (stop == null || stop.isNull()) {
            return;
        }
        ArrayNode sequences = Json.NODES.arrayNode();
        if (stop.isString()) {
            sequences.add(stop.asString());
        } else if (stop.isArray()) {
            stop.forEach(s -> {
                if (s.isString()) {
                    sequences.add(s.asString());
                }
            });
        }
        if (!sequences.isEmpty()) {
            config.set("stopSequences", sequences);
        }
    }

    private static void responseFormat(JsonNode format, ObjectNode config) {
        if (format == null || !format.isObject()) {
            return;
        }
        switch (format.path("type").asString("")) {
            case "text" -> { }
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema != null && schema.isObject()) {
                    config.set("responseSchema",
                            JsonSchemaToGeminiSchema.convert(schema, "response_format.json_schema.schema"));
                }
            }
            default -> throw new GeminiRequestException("response_format.type: '" + format.path("type").asString("")
                    + "' has no Gemini equivalent (text, json_object and json_schema do)");
        }
    }
}
