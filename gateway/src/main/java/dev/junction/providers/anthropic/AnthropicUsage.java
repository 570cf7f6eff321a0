package dev.junction.providers.anthropic;

import dev.junction.accounting.TokenUsage;
import dev.junction.providers.TokenCounts;
import tools.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Anthropic's {@code usage} as Junction's {@link TokenUsage}. Anthropic's {@code input_tokens} counts only the
 * uncached part of the prompt; the prompt is {@code input_tokens + cache_read_input_tokens +
 * cache_creation_input_tokens}, and the two cache counts are billed at the cache-read and cache-write prices.
 * Thinking tokens are inside {@code output_tokens} and not reported apart, so {@code reasoningTokens} is 0 here; the
 * translators estimate it from the thinking text ({@link TokenUsage#withReasoningEstimate}).
 *
 * <p>A stream reports usage twice: {@code message_start} carries the input counts, {@code message_delta} the
 * cumulative output (and, in newer API versions, the input counts again). Each report overrides only the fields
 * it carries, so one accumulator serves both.
 */
final class AnthropicUsage {
    private long input;
    private long cacheRead;
    private long cacheWrite;
    private long output;
    private long webSearches;
    private boolean seen;

    static Optional<TokenUsage> parse(JsonNode usage) {
        AnthropicUsage accumulator = new AnthropicUsage();
        accumulator.merge(usage);
        return accumulator.current();
    }

    /** Takes the counts present in {@code usage}; returns whether it held any. */
    boolean merge(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return false;
        }
        OptionalLong inputCount = TokenCounts.of(usage.get("input_tokens"));
        OptionalLong cacheReadCount = TokenCounts.of(usage.get("cache_read_input_tokens"));
        OptionalLong cacheWriteCount = TokenCounts.of(usage.get("cache_creation_input_tokens"));
        OptionalLong outputCount = TokenCounts.of(usage.get("output_tokens"));
        input = inputCount.orElse(input);
        cacheRead = cacheReadCount.orElse(cacheRead);
        cacheWrite = cacheWriteCount.orElse(cacheWrite);
        output = outputCount.orElse(output);
        // server_tool_use.web_search_requests: searches Claude ran, billed apart from tokens.
        webSearches = TokenCounts.of(usage.path("server_tool_use").get("web_search_requests")).orElse(webSearches);
        boolean any = inputCount.isPresent() || cacheReadCount.isPresent() || cacheWriteCount.isPresent()
                || outputCount.isPresent();
        seen |= any;
        return any;
    }

    Optional<TokenUsage> current() {
        if (!seen) {
            return Optional.empty();
        }
        return Optional.of(new TokenUsage(input + cacheRead + cacheWrite, output, cacheRead, cacheWrite, 0, false,
                webSearches));
    }
}
