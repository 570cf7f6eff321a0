package dev.junction.wire;

import tools.jackson.databind.JsonNode;

import java.util.Optional;

/** The normalised and native finish reason of the first choice that has one. */
public record FinishReason(String normalised, Optional<String> nativeReason) {

    public static Optional<FinishReason> of(JsonNode payload) {
        JsonNode choices = payload.get("choices");
        if (choices == null || !choices.isArray()) {
            return Optional.empty();
        }
        for (JsonNode choice : choices) {
            JsonNode reason = choice.get("finish_reason");
            if (reason != null && reason.isString()) {
                JsonNode nativeReason = choice.get("native_finish_reason");
                return Optional.of(new FinishReason(reason.asString(),
                        nativeReason != null && nativeReason.isString() ? Optional.of(nativeReason.asString()) : Optional.empty()));
            }
        }
        return Optional.empty();
    }
}
