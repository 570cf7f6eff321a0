package dev.junction.catalog;

import dev.junction.money.Money;
import dev.junction.config.PricingConfig;

import java.util.Optional;

/**
 * Exact unit prices of one endpoint: per token for prompt, completion, reasoning and cache prices, per
 * request, per input image and per web-search result.
 *
 * @param internalReasoning the price of reasoning tokens when it differs from the completion price;
 *                          empty means reasoning tokens are billed as completion tokens
 */
public record Pricing(
        Money prompt,
        Money completion,
        Money request,
        Money image,
        Money webSearch,
        Optional<Money> internalReasoning,
        Money inputCacheRead,
        Money inputCacheWrite) {

    public static final Pricing FREE = from(PricingConfig.FREE);

    public static Pricing from(PricingConfig c) {
        Money prompt = Money.ofUsd(c.prompt());
        return new Pricing(
                prompt,
                Money.ofUsd(c.completion()),
                Money.ofUsd(c.request()),
                Money.ofUsd(c.image()),
                Money.ofUsd(c.webSearch()),
                c.internalReasoning().map(Money::ofUsd),
                c.inputCacheRead().map(Money::ofUsd).orElse(prompt),
                c.inputCacheWrite().map(Money::ofUsd).orElse(prompt));
    }
}
