package dev.junction.store;

import dev.junction.money.Money;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One line of {@code /activity}: a UTC day's usage of one model on one endpoint, and — when activity is grouped by
 * app or session — of one app's attribution headers or one session.
 */
public record ActivityRow(
        LocalDate date,
        String model,
        String providerName,
        String endpointId,
        Money usage,
        long requests,
        long promptTokens,
        long completionTokens,
        long reasoningTokens,
        Optional<String> httpReferer,
        Optional<String> appTitle,
        Optional<String> sessionId) {

    /** A row of the ungrouped activity. */
    public ActivityRow(LocalDate date, String model, String providerName, String endpointId, Money usage, long requests,
                       long promptTokens, long completionTokens, long reasoningTokens) {
        this(date, model, providerName, endpointId, usage, requests, promptTokens, completionTokens, reasoningTokens,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** What activity can be split by besides day, model and endpoint. */
    public enum Grouping {
        /** The app's attribution headers ({@code HTTP-Referer}, {@code X-Title}). */
        APP,
        /** The client's {@code session_id}. */
        SESSION
    }
}
