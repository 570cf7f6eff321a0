package dev.junction.sim.gemini;

import dev.junction.sim.SimToolCall;
import dev.junction.sim.engine.Generation;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.Usage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Writes Gemini's {@code GenerateContentResponse}, whole or as one streamed piece, in the field order Google
 * uses: {@code candidates} (content with role {@code model}, {@code finishReason}, {@code index}),
 * {@code usageMetadata}, {@code modelVersion}, {@code responseId}.
 *
 * @param signs whether the model signs its answer (a thinking model): the first function call of a response
 *              carries a {@code thoughtSignature}, else its last text part does
 */
record GeminiWire(String responseId, String modelVersion, boolean signs) {

    /** Writes the parts of one candidate's content. */
    @FunctionalInterface
    interface Parts {
        void write(JsonGenerator g);
    }

    static GeminiWire of(String model, boolean signs) {
        return new GeminiWire(GeminiIds.responseId(), model, signs);
    }

    /**
     * One response object.
     *
     * @param finishReason Gemini's reason, on the last piece only
     * @param usage        the usage to report; {@code full} false reports only the prompt, as Gemini does until the
     *                     end of a stream
     * @param pad          an ignored field of this many characters, for load tests
     */
    void response(JsonGenerator g, Optional<Parts> parts, Optional<String> finishReason, Optional<Usage> usage,
                  boolean full, String pad) {
        response(g, parts, finishReason, usage, full, pad, Optional.empty());
    }

    /** The response, the last one carrying the grounding metadata of a generation that searched. */
    void response(JsonGenerator g, Optional<Parts> parts, Optional<String> finishReason, Optional<Usage> usage,
                  boolean full, String pad, Optional<Generation> grounding) {
        g.writeStartObject();
        g.writeArrayPropertyStart("candidates");
        g.writeStartObject();
        if (parts.isPresent()) {
            g.writeObjectPropertyStart("content");
            g.writeArrayPropertyStart("parts");
            parts.get().write(g);
            g.writeEndArray();
            g.writeStringProperty("role", "model");
            g.writeEndObject();
        }
        finishReason.ifPresent(reason -> g.writeStringProperty("finishReason", reason));
        if (finishReason.isPresent()) {
            grounding.ifPresent(generation -> GroundingMetadata.write(g, generation));
        }
        g.writeNumberProperty("index", 0);
        g.writeEndObject();
        g.writeEndArray();
        usage.ifPresent(u -> usage(g, u, full));
        g.writeStringProperty("modelVersion", modelVersion);
        g.writeStringProperty("responseId", responseId);
        if (!pad.isEmpty()) {
            g.writeStringProperty("x_pad", pad);
        }
        g.writeEndObject();
    }

    void text(JsonGenerator g, String text, boolean thought, boolean signed) {
        g.writeStartObject();
        g.writeStringProperty("text", text);
        if (thought) {
            g.writeBooleanProperty("thought", true);
        }
        if (signed) {
            g.writeStringProperty("thoughtSignature", GeminiIds.signature(responseId, "text"));
        }
        g.writeEndObject();
    }

    /** All calls of a response; a signing model signs the first. */
    void calls(JsonGenerator g, List<SimToolCall> calls) {
        for (int i = 0; i < calls.size(); i++) {
            SimToolCall call = calls.get(i);
            g.writeStartObject();
            g.writeObjectPropertyStart("functionCall");
            g.writeStringProperty("name", call.name());
            g.writeName("args");
            g.writeTree(args(call.arguments()));
            g.writeEndObject();
            if (signs && i == 0) {
                g.writeStringProperty("thoughtSignature", GeminiIds.signature(responseId, "call:" + call.name()));
            }
            g.writeEndObject();
        }
    }

    /** Gemini's arguments are an object; scripted arguments that are not one are wrapped so they still go out. */
    private static JsonNode args(String arguments) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(arguments);
            if (parsed.isObject()) {
                return parsed;
            }
        } catch (JacksonException e) {
            // not JSON: wrapped below
        }
        return Json.MAPPER.createObjectNode().put("arguments", arguments);
    }

    private static void usage(JsonGenerator g, Usage usage, boolean full) {
        g.writeObjectPropertyStart("usageMetadata");
        g.writeNumberProperty("promptTokenCount", usage.promptTokens());
        int thoughts = usage.reasoningTokens();
        int candidates = usage.completionTokens() - thoughts;
        if (full) {
            g.writeNumberProperty("candidatesTokenCount", candidates);
        }
        g.writeNumberProperty("totalTokenCount", full ? usage.totalTokens() : usage.promptTokens());
        if (usage.cachedTokens() > 0) {
            g.writeNumberProperty("cachedContentTokenCount", usage.cachedTokens());
        }
        modality(g, "promptTokensDetails", usage.promptTokens());
        if (usage.cachedTokens() > 0) {
            modality(g, "cacheTokensDetails", usage.cachedTokens());
        }
        if (full && thoughts > 0) {
            g.writeNumberProperty("thoughtsTokenCount", thoughts);
        }
        g.writeEndObject();
    }

    private static void modality(JsonGenerator g, String name, int tokens) {
        g.writeArrayPropertyStart(name);
        g.writeStartObject();
        g.writeStringProperty("modality", "TEXT");
        g.writeNumberProperty("tokenCount", tokens);
        g.writeEndObject();
        g.writeEndArray();
    }

    /**
     * Gemini's name for the engine's finish reason: {@code STOP} also after function calls (Gemini has no
     * separate reason for them), {@code MAX_TOKENS} for length, {@code SAFETY} for a content filter; any other
     * scripted value is sent upper-cased, so a script can ask for {@code RECITATION}, {@code
     * MALFORMED_FUNCTION_CALL} and the rest.
     */
    static String finishReason(Generation generation) {
        return switch (generation.finishReason()) {
            case "stop", "tool_calls" -> "STOP";
            case "length" -> "MAX_TOKENS";
            case "content_filter" -> "SAFETY";
            default -> generation.finishReason().toUpperCase(Locale.ROOT);
        };
    }
}
