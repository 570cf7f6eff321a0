package dev.junction.providers.gemini;

import dev.junction.accounting.TokenUsage;
import tools.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Gemini's {@code usageMetadata} as Junction's usage. Gemini counts differently from OpenAI:
 * {@code promptTokenCount} already includes {@code cachedContentTokenCount} (billed at the cache-read
 * price), {@code toolUsePromptTokenCount} (input the model read from its own tool use) is input on top, and
 * {@code candidatesTokenCount} excludes {@code thoughtsTokenCount}. So prompt = prompt + tool-use prompt,
 * completion = candidates + thoughts, reasoning = thoughts, cached = cached content.
 */
final class GeminiUsage {
    private GeminiUsage() {}

    static Optional<TokenUsage> parse(JsonNode usage) {
        if (usage == null || !usage.isObject() || usage.isEmpty()) {
            return Optional.empty();
        }
        long prompt = usage.path("promptTokenCount").asLong(0) + usage.path("toolUsePromptTokenCount").asLong(0);
        long thoughts = usage.path("thoughtsTokenCount").asLong(0);
        long completion = usage.path("candidatesTokenCount").asLong(0) + thoughts;
        long cached = usage.path("cachedContentTokenCount").asLong(0);
        return Optional.of(new TokenUsage(prompt, completion, cached, 0, thoughts, false));
    }
}
