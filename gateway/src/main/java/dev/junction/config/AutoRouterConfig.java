package dev.junction.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code openrouter/auto}: rules tried in order; the first whose conditions all hold picks the model,
 * otherwise {@code defaultModel}. Empty {@code defaultModel} with no rules disables the auto router.
 */
public record AutoRouterConfig(Optional<String> defaultModel, List<Rule> rules) {

    /**
     * One rule. Every condition that is set must hold.
     *
     * @param minPromptTokens    the prompt has at least this many tokens (estimated)
     * @param maxPromptTokens    the prompt has at most this many tokens
     * @param inputModalities    the request carries each of these (e.g. {@code image}, {@code file}, {@code audio})
     * @param tools              the request defines tools ({@code true}) or not ({@code false})
     * @param maxPromptPrice     the key's budget: the model's prompt price per million tokens is at most this
     */
    public record Rule(
            String name,
            String model,
            OptionalLong minPromptTokens,
            OptionalLong maxPromptTokens,
            List<String> inputModalities,
            Optional<Boolean> tools,
            Optional<BigDecimal> maxPromptPrice) {}
}
