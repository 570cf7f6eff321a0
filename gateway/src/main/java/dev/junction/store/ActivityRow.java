package dev.junction.store;

import dev.junction.money.Money;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One line of {@code /activity}: a UTC day's usage of one model on one endpoint, and — when activity is grouped by
 * app, session or workspace — of one app's attribution headers, one session or one workspace.
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
        Optional<String> sessionId,
        Optional<String> workspaceId) {

    /** A row without a workspace of its own. */
    public ActivityRow(LocalDate date, String model, String providerName, String endpointId, Money usage, long requests,
                       long promptTokens, long completionTokens, long reasoningTokens, Optional<String> httpReferer,
                       Optional<String> appTitle, Optional<String> sessionId) {
        this(date, model, providerName, endpointId, usage, requests, promptTokens, completionTokens, reasoningTokens,
                httpReferer, appTitle, sessionId, Optional.empty());
    }

    /** A row of the ungrouped activity. */
    public ActivityRow(LocalDate date, String model, String providerName, String endpointId, Money usage, long requests,
                       long promptTokens, long completionTokens, long reasoningTokens) {
        this(date, model, providerName, endpointId, usage, requests, promptTokens, completionTokens, reasoningTokens,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** What activity can be split by besides day, model and endpoint. */
    public enum Grouping {
        /** The app's attribution headers ({@code HTTP-Referer}, {@code X-Title}). */
        APP,
        /** The client's {@code session_id}. */
        SESSION,
        /** The workspace of the generation's key. */
        WORKSPACE
    }
}
