package dev.junction.store;

import dev.junction.money.Money;

import java.time.Instant;
import java.util.Optional;

/**
 * One group's usage in one time bucket of a {@link UsageSeriesQuery}.
 *
 * @param group    the model, the provider's name or the key's hash; for the app split the app's {@code HTTP-Referer}
 * @param appTitle for the app split, its {@code X-Title}
 */
public record UsageBucket(Instant start, Optional<String> group, Optional<String> appTitle, Money usage,
                          long requests, long promptTokens, long completionTokens, long reasoningTokens) {}
