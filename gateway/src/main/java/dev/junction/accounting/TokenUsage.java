package dev.junction.accounting;

/**
 * Token counts of one generation, normalised across providers.
 *
 * @param promptTokens      all input tokens, including cached and cache-write tokens
 * @param completionTokens  all output tokens, including reasoning tokens
 * @param cachedTokens      input tokens read from the provider's prompt cache
 * @param cacheWriteTokens  input tokens written to the provider's prompt cache
 * @param reasoningTokens   output tokens spent on reasoning
 * @param estimated         true when the upstream reported no usage and Junction estimated it
 * @param webSearches       web searches the upstream ran itself (Anthropic's
 *                          {@code usage.server_tool_use.web_search_requests}), each billed at the endpoint's
 *                          {@code web-search} price
 */
public record TokenUsage(
        long promptTokens,
        long completionTokens,
        long cachedTokens,
        long cacheWriteTokens,
        long reasoningTokens,
        boolean estimated,
        long webSearches) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0, false);

    /** A usage without upstream web searches: what most answers report. */
    public TokenUsage(long promptTokens, long completionTokens, long cachedTokens, long cacheWriteTokens,
                      long reasoningTokens, boolean estimated) {
        this(promptTokens, completionTokens, cachedTokens, cacheWriteTokens, reasoningTokens, estimated, 0);
    }

    /** This usage with the upstream's own web searches. */
    public TokenUsage withWebSearches(long searches) {
        return new TokenUsage(promptTokens, completionTokens, cachedTokens, cacheWriteTokens, reasoningTokens,
                estimated, searches);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** A usage Junction estimated itself from text lengths: about four characters per token. */
    public static TokenUsage estimate(long promptChars, long completionChars) {
        return new TokenUsage(charsToTokens(promptChars), charsToTokens(completionChars), 0, 0, 0, true);
    }

    /**
     * The usage to bill for a generation that ended before the upstream's final report (a client cancel, a
     * stream cut mid-way): an interim report can count the prompt and nothing of what was produced (Gemini
     * reports the prompt alone until its last event), so the output billed is at least the estimate of the
     * text that actually went out.
     */
    public TokenUsage atLeastProduced(long completionChars) {
        long produced = charsToTokens(completionChars);
        if (produced <= completionTokens) {
            return this;
        }
        return new TokenUsage(promptTokens, produced, cachedTokens, cacheWriteTokens, reasoningTokens, true,
                webSearches);
    }

    /**
     * This usage with its reasoning tokens estimated from the reasoning text, when the upstream produced reasoning but
     * did not count it apart (Anthropic never does; many self-hosted servers do not): about four characters a token,
     * never more than the completion tokens the reasoning is part of.
     */
    public TokenUsage withReasoningEstimate(long reasoningChars) {
        if (reasoningTokens > 0 || reasoningChars <= 0) {
            return this;
        }
        long reasoning = Math.min(charsToTokens(reasoningChars), Math.max(0, completionTokens));
        return new TokenUsage(promptTokens, completionTokens, cachedTokens, cacheWriteTokens, reasoning, estimated,
                webSearches);
    }

    static long charsToTokens(long chars) {
        return (chars + 3) / 4;
    }
}
