package dev.junction.accounting;

import dev.junction.money.Money;
import dev.junction.catalog.Pricing;

/**
 * The exact cost of a generation from the serving endpoint's prices. Pure integer arithmetic on
 * pico-dollars.
 *
 * <ul>
 *   <li>Cached prompt tokens are billed at the cache-read price and cache-write tokens at the
 *       cache-write price — each only once, never again at the prompt price.</li>
 *   <li>Reasoning tokens are part of the completion tokens; they are billed at the
 *       internal-reasoning price when the endpoint defines one, otherwise as completion tokens.</li>
 *   <li>The per-request price is charged once; the image price per input image; the endpoint's web-search price
 *       per search the upstream ran; Junction's own search at the price it was given.</li>
 * </ul>
 * Inconsistent upstream counts (more cached tokens than prompt tokens) never produce a negative charge.
 */
public final class CostCalculator {
    private CostCalculator() {}

    public static Cost cost(Pricing pricing, TokenUsage usage, int inputImages, int webSearches) {
        return cost(pricing, usage, inputImages, webSearches, Money.ZERO);
    }

    /**
     * @param webSearches   searches the upstream ran itself, each at the endpoint's {@code web-search} price
     * @param junctionSearch what Junction's own search of the generation costs (its results at their price)
     */
    public static Cost cost(Pricing pricing, TokenUsage usage, int inputImages, long webSearches, Money junctionSearch) {
        long cached = clamp(usage.cachedTokens(), usage.promptTokens());
        long cacheWrite = clamp(usage.cacheWriteTokens(), usage.promptTokens() - cached);
        long uncachedPrompt = Math.max(0, usage.promptTokens() - cached - cacheWrite);

        Money prompt = pricing.prompt().times(uncachedPrompt)
                .plus(pricing.inputCacheRead().times(cached))
                .plus(pricing.inputCacheWrite().times(cacheWrite))
                .plus(pricing.image().times(Math.max(0, inputImages)));
        Money serverTools = pricing.webSearch().times(Math.max(0, webSearches)).plus(junctionSearch);
        return new Cost(prompt, completionCost(pricing, usage), pricing.request().plus(serverTools), serverTools);
    }

    /**
     * What prompt caching saved against the uncached prompt price, as OpenRouter's {@code cache_discount}: cache reads
     * save the prompt price less the read price, cache writes cost the write price less the prompt price (so a
     * discount is negative when writes outweigh reads). Counted on the same clamped tokens as {@link #cost}.
     */
    public static Money cacheDiscount(Pricing pricing, TokenUsage usage) {
        long cached = clamp(usage.cachedTokens(), usage.promptTokens());
        long cacheWrite = clamp(usage.cacheWriteTokens(), usage.promptTokens() - cached);
        return pricing.prompt().minus(pricing.inputCacheRead()).times(cached)
                .plus(pricing.prompt().minus(pricing.inputCacheWrite()).times(cacheWrite));
    }

    private static Money completionCost(Pricing pricing, TokenUsage usage) {
        long completion = Math.max(0, usage.completionTokens());
        if (pricing.internalReasoning().isEmpty()) {
            return pricing.completion().times(completion);
        }
        long reasoning = clamp(usage.reasoningTokens(), completion);
        return pricing.completion().times(completion - reasoning)
                .plus(pricing.internalReasoning().get().times(reasoning));
    }

    private static long clamp(long value, long max) {
        return Math.max(0, Math.min(value, Math.max(0, max)));
    }
}
