package dev.junction.providers.openai;

import dev.junction.providers.FinishReasons;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Normalises {@code finish_reason} in every choice of a response or chunk, keeping the upstream's
 * value as {@code native_finish_reason} (unless an OpenRouter-style upstream already supplied one).
 * {@code native_finish_reason} is only written next to a finish reason: the legacy completions schema
 * types it as an optional string, not a nullable one.
 */
final class OpenAiChoices {
    private OpenAiChoices() {}

    static void normalise(ObjectNode payload) {
        JsonNode choices = payload.get("choices");
        if (choices == null || !choices.isArray()) {
            return;
        }
        for (JsonNode choice : choices) {
            if (choice instanceof ObjectNode c) {
                normaliseChoice(c);
            }
        }
    }

    private static void normaliseChoice(ObjectNode choice) {
        JsonNode reason = choice.get("finish_reason");
        if (reason == null || reason.isNull()) {
            return;
        }
        String nativeReason = reason.asString();
        if (!choice.has("native_finish_reason") || choice.get("native_finish_reason").isNull()) {
            choice.put("native_finish_reason", nativeReason);
        }
        choice.put("finish_reason", FinishReasons.normalise(nativeReason).orElse("stop"));
    }
}
