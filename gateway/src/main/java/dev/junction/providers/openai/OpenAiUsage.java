package dev.junction.providers.openai;

import dev.junction.accounting.TokenUsage;
import dev.junction.providers.TokenCounts;
import tools.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads an OpenAI-style {@code usage} object, including the detail fields of the compatible servers
 * that report prompt caching differently (DeepSeek's {@code prompt_cache_hit_tokens}, OpenRouter's
 * {@code cache_write_tokens}).
 */
final class OpenAiUsage {
    private OpenAiUsage() {}

    static Optional<TokenUsage> parse(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        OptionalLong prompt = TokenCounts.of(usage.get("prompt_tokens"));
        OptionalLong completion = TokenCounts.of(usage.get("completion_tokens"));
        if (prompt.isEmpty() && completion.isEmpty()) {
            return Optional.empty();
        }
        JsonNode promptDetails = usage.path("prompt_tokens_details");
        long cached = TokenCounts.orElse(promptDetails.get("cached_tokens"),
                TokenCounts.orElse(usage.get("prompt_cache_hit_tokens"), 0));
        long cacheWrite = TokenCounts.orElse(promptDetails.get("cache_write_tokens"), 0);
        long reasoning = TokenCounts.orElse(usage.path("completion_tokens_details").get("reasoning_tokens"), 0);
        return Optional.of(new TokenUsage(prompt.orElse(0), completion.orElse(0), cached, cacheWrite, reasoning, false));
    }
}
