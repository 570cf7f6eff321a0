package dev.junction.generation;

import dev.junction.money.Money;

import java.util.Objects;
import java.util.Optional;

/**
 * What an operator's log line says about a generation, as the generation itself knows it — never recomputed by
 * whoever logs it. Read-only, taken when asked: before the generation finished, the tokens and cost are zero.
 *
 * @param id               the generation id ({@code gen-…}), as {@code /api/v1/generation?id=} takes it
 * @param model            the model that answered, or the first one planned when none did
 * @param provider         the provider that answered, or the last one tried; empty when none was tried
 * @param promptTokens     billed prompt tokens
 * @param completionTokens billed completion tokens (reasoning included)
 * @param cost             what it was billed
 * @param outcome          how it ended, so far
 * @param keyName          the name of the key it was admitted under (a label, never the secret)
 * @param stream           whether the client asked for a stream
 * @param firstTokenNanos  from its admission to the first token (the whole answer, unstreamed); 0 when none came
 * @param upstreamNanos    from the first attempt's call to the end: the upstreams' share of its time; 0 if none
 * @param traceId          the trace it is part of, when traced
 */
public record GenerationSummary(String id, String model, Optional<String> provider, long promptTokens,
                                long completionTokens, Money cost, Outcome outcome, String keyName, boolean stream,
                                long firstTokenNanos, long upstreamNanos, Optional<String> traceId) {

    /** How a generation ended, as an operator reads it. */
    public enum Outcome {
        /** Not finished yet. */
        RUNNING,
        /** An attempt answered in full. */
        SERVED,
        /** No attempt answered, or the answer broke off part-way. */
        FAILED,
        /** The client went away first. */
        CANCELLED;

        /** Lower case, as a log line writes it. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public GenerationSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(traceId, "traceId");
    }
}
