package dev.junction.generation.anthropic;

import dev.junction.accounting.TokenUsage;
import dev.junction.wire.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The usage Junction billed, as Anthropic reports it: {@code input_tokens} is the part of the prompt neither read
 * from nor written to the cache, {@code cache_read_input_tokens} and {@code cache_creation_input_tokens} the rest,
 * {@code output_tokens} everything generated (thinking included). The reverse of the Anthropic provider's
 * {@code AnthropicUsage}, so that an Anthropic upstream's counts come back as they were.
 */
final class AnthropicUsageJson {
    private AnthropicUsageJson() {}

    static ObjectNode of(TokenUsage usage) {
        ObjectNode node = Json.object();
        node.put("input_tokens", Math.max(0, usage.promptTokens() - usage.cachedTokens() - usage.cacheWriteTokens()));
        node.put("cache_creation_input_tokens", usage.cacheWriteTokens());
        node.put("cache_read_input_tokens", usage.cachedTokens());
        node.put("output_tokens", usage.completionTokens());
        return node;
    }
}
