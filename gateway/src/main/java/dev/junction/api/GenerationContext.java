package dev.junction.api;

import dev.junction.accounting.Cost;
import dev.junction.accounting.CostCalculator;
import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.GenerationRecord.ProviderAttempt;
import dev.junction.accounting.TokenUsage;
import dev.junction.keys.ApiKey;
import dev.junction.providers.AbortSignal;
import dev.junction.providers.UpstreamRequest;
import dev.junction.routing.Attempt;
import dev.junction.routing.AttemptFailure;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.FinishReason;
import dev.junction.wire.ResponseIdentity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One generation in flight: its id, who asked, what was asked, when, and how it went. */
final class GenerationContext {
    final String id;
    final ApiKey key;
    final ClientRequest request;
    final Instant createdAt;
    final AbortSignal abort = new AbortSignal();
    private final Optional<String> httpReferer;
    private final Optional<String> appTitle;
    private final Optional<String> userAgent;
    private final long startNanos = System.nanoTime();
    private long firstTokenNanos;

    GenerationContext(String id, ApiKey key, ClientRequest request, Instant createdAt,
                      Optional<String> httpReferer, Optional<String> appTitle, Optional<String> userAgent) {
        this.id = id;
        this.key = key;
        this.request = request;
        this.createdAt = createdAt;
        this.httpReferer = httpReferer;
        this.appTitle = appTitle;
        this.userAgent = userAgent;
    }

    UpstreamRequest upstreamRequest(Attempt attempt) {
        return new UpstreamRequest(attempt.endpoint(), request.api(), request.body(), request.stream(), abort);
    }

    ResponseIdentity identity(Attempt attempt) {
        return new ResponseIdentity(id, attempt.endpoint().providerName(), attempt.servedModel(),
                createdAt.getEpochSecond());
    }

    /** Milliseconds from the first token until now: how long the model took to produce its output. */
    long generationMillis() {
        return firstTokenNanos == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstTokenNanos);
    }

    void markFirstToken() {
        if (firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
        }
    }

    /** The usage to bill: what the upstream reported, or an estimate from the text that went by. */
    TokenUsage usage(Optional<TokenUsage> reported, long completionChars) {
        return reported.orElseGet(() -> TokenUsage.estimate(request.promptChars(), completionChars));
    }

    /** The usage to bill for a generation cut short: the upstream's report so far is partial. */
    TokenUsage partialUsage(Optional<TokenUsage> reported, long completionChars) {
        return usage(reported, completionChars).atLeastProduced(completionChars);
    }

    Cost cost(Attempt attempt, TokenUsage usage) {
        return CostCalculator.cost(attempt.endpoint().pricing(), usage, request.inputImages(), 0);
    }

    /**
     * The record of this generation as it ended.
     *
     * @param servedStatus 200 when the attempt served, or the status the client was told
     */
    GenerationRecord record(Attempt attempt, List<AttemptFailure> earlierFailures, int servedStatus,
                            Optional<String> upstreamId, TokenUsage usage, Cost cost, boolean cancelled,
                            Optional<FinishReason> finish) {
        long end = System.nanoTime();
        long first = firstTokenNanos == 0 ? end : firstTokenNanos;
        List<ProviderAttempt> attempts = new ArrayList<>();
        for (AttemptFailure failure : earlierFailures) {
            if (failure.attempt() != attempt) {
                attempts.add(new ProviderAttempt(failure.attempt().endpoint().providerName(),
                        failure.attempt().servedModel(), ErrorMapping.upstream(failure.failure()).status(),
                        failure.latencyMillis()));
            }
        }
        attempts.add(new ProviderAttempt(attempt.endpoint().providerName(), attempt.servedModel(), servedStatus,
                TimeUnit.NANOSECONDS.toMillis(first - startNanos)));
        return new GenerationRecord(id, key.hash(), key.accountId(), attempt.servedModel(),
                attempt.endpoint().providerName(), attempt.endpoint().key(), upstreamId, createdAt, request.stream(), cancelled,
                finish.map(FinishReason::normalised), finish.flatMap(FinishReason::nativeReason), usage, cost,
                TimeUnit.NANOSECONDS.toMillis(first - startNanos), TimeUnit.NANOSECONDS.toMillis(end - first),
                request.user(), httpReferer, appTitle, userAgent, attempts, request.inputImages());
    }
}
