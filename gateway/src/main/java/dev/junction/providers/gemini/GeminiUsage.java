package dev.junction.providers.gemini;

import dev.junction.accounting.TokenUsage;
import dev.junction.providers.TokenCounts;
import tools.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.OptionalLong;

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
        OptionalLong promptCount = TokenCounts.of(usage.get("promptTokenCount"));
        OptionalLong candidates = TokenCounts.of(usage.get("candidatesTokenCount"));
        if (promptCount.isEmpty() && candidates.isEmpty()) {
            return Optional.empty(); // nothing usable: the gateway's own estimate bills what went out
        }
        long prompt = promptCount.orElse(0) + TokenCounts.orElse(usage.get("toolUsePromptTokenCount"), 0);
        long thoughts = TokenCounts.orElse(usage.get("thoughtsTokenCount"), 0);
        long completion = candidates.orElse(0) + thoughts;
        long cached = TokenCounts.orElse(usage.get("cachedContentTokenCount"), 0);
        return Optional.of(new TokenUsage(prompt, completion, cached, 0, thoughts, false));
    }
}
