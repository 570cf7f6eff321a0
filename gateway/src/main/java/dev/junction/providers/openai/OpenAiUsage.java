package dev.junction.providers.openai;

import dev.junction.accounting.TokenUsage;
import tools.jackson.databind.JsonNode;

import java.util.Optional;

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
        JsonNode prompt = usage.get("prompt_tokens");
        JsonNode completion = usage.get("completion_tokens");
        if ((prompt == null || !prompt.isNumber()) && (completion == null || !completion.isNumber())) {
            return Optional.empty();
        }
        JsonNode promptDetails = usage.path("prompt_tokens_details");
        long cached = promptDetails.path("cached_tokens").asLong(usage.path("prompt_cache_hit_tokens").asLong(0));
        long cacheWrite = promptDetails.path("cache_write_tokens").asLong(0);
        long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
        return Optional.of(new TokenUsage(
                prompt == null ? 0 : prompt.asLong(),
                completion == null ? 0 : completion.asLong(),
                cached, cacheWrite, reasoning, false));
    }
}
