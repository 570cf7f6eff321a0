package dev.junction.store;

import dev.junction.money.Money;

import java.time.LocalDate;

/** One line of {@code /activity}: a UTC day's usage of one model on one endpoint. */
public record ActivityRow(
        LocalDate date,
        String model,
        String providerName,
        String endpointId,
        Money usage,
        long requests,
        long promptTokens,
        long completionTokens,
        long reasoningTokens) {}
