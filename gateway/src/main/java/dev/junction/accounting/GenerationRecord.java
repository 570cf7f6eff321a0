package dev.junction.accounting;

import dev.junction.money.Money;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What Junction remembers about one generation: who asked, what served it, what it produced and cost.
 * Written once, when the generation ends (completed, failed mid-stream or cancelled).
 *
 * @param keyHash          the hash of the API key that made the request
 * @param accountId        the account the key belongs to
 * @param endpointId       the serving endpoint: provider id and upstream model, {@code provider|model}
 * @param latencyMillis    from receiving the request to the first token (or the whole answer)
 * @param generationMillis from the first token to the end of the generation
 * @param finishReason     normalised; empty when the generation never finished (cancelled)
 * @param httpReferer      the app's {@code HTTP-Referer} (its origin)
 * @param appTitle         the app's {@code X-Title} / {@code X-OpenRouter-Title}
 * @param attempts         every provider tried, in order, the last one being the one that served
 * @param mediaInPrompt    images in the prompt
 * @param sessionId        the client's {@code session_id} (or {@code X-Session-Id}), grouping a conversation's generations
 * @param router           the router that chose the model ({@code openrouter/auto}), when one did
 * @param cacheDiscount    what prompt caching saved against the uncached prompt price: positive for cache reads,
 *                         negative for cache writes dearer than the prompt
 * @param notes            what Junction did to the request or the answer, one line each (what middle-out removed
 *                         from the prompt, how a malformed JSON answer was repaired)
 * @param apiType          OpenRouter's {@code api_type}: {@code completions} (chat, legacy, Responses, Messages),
 *                         {@code embeddings} or {@code rerank}
 */
public record GenerationRecord(
        String id,
        String keyHash,
        String accountId,
        String model,
        String providerName,
        String endpointId,
        Optional<String> upstreamId,
        Instant createdAt,
        boolean streamed,
        boolean cancelled,
        Optional<String> finishReason,
        Optional<String> nativeFinishReason,
        TokenUsage usage,
        Cost cost,
        long latencyMillis,
        long generationMillis,
        Optional<String> externalUser,
        Optional<String> httpReferer,
        Optional<String> appTitle,
        Optional<String> userAgent,
        List<ProviderAttempt> attempts,
        int mediaInPrompt,
        Optional<String> sessionId,
        Optional<String> router,
        Money cacheDiscount,
        List<String> notes,
        String apiType) {

    /** How the records of text generations name their API, as OpenRouter's {@code api_type} does. */
    public static final String COMPLETIONS = "completions";

    /**
     * The time is kept to the microsecond, as the store keeps it: {@code /generation} answers the same whether the
     * record is still in memory or already in the database.
     */
    public GenerationRecord {
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        notes = List.copyOf(notes);
    }

    /** A record of a text generation (as records were before the API type was kept). */
    public GenerationRecord(String id, String keyHash, String accountId, String model, String providerName,
                            String endpointId, Optional<String> upstreamId, Instant createdAt, boolean streamed,
                            boolean cancelled, Optional<String> finishReason, Optional<String> nativeFinishReason,
                            TokenUsage usage, Cost cost, long latencyMillis, long generationMillis,
                            Optional<String> externalUser, Optional<String> httpReferer, Optional<String> appTitle,
                            Optional<String> userAgent, List<ProviderAttempt> attempts, int mediaInPrompt,
                            Optional<String> sessionId, Optional<String> router, Money cacheDiscount, List<String> notes) {
        this(id, keyHash, accountId, model, providerName, endpointId, upstreamId, createdAt, streamed, cancelled,
                finishReason, nativeFinishReason, usage, cost, latencyMillis, generationMillis, externalUser, httpReferer,
                appTitle, userAgent, attempts, mediaInPrompt, sessionId, router, cacheDiscount, notes, COMPLETIONS);
    }

    /** A record without notes. */
    public GenerationRecord(String id, String keyHash, String accountId, String model, String providerName,
                            String endpointId, Optional<String> upstreamId, Instant createdAt, boolean streamed,
                            boolean cancelled, Optional<String> finishReason, Optional<String> nativeFinishReason,
                            TokenUsage usage, Cost cost, long latencyMillis, long generationMillis,
                            Optional<String> externalUser, Optional<String> httpReferer, Optional<String> appTitle,
                            Optional<String> userAgent, List<ProviderAttempt> attempts, int mediaInPrompt,
                            Optional<String> sessionId, Optional<String> router, Money cacheDiscount) {
        this(id, keyHash, accountId, model, providerName, endpointId, upstreamId, createdAt, streamed, cancelled,
                finishReason, nativeFinishReason, usage, cost, latencyMillis, generationMillis, externalUser, httpReferer,
                appTitle, userAgent, attempts, mediaInPrompt, sessionId, router, cacheDiscount, List.of(), COMPLETIONS);
    }

    /** A record without session, router or cache discount (as records were before they were kept). */
    public GenerationRecord(String id, String keyHash, String accountId, String model, String providerName,
                            String endpointId, Optional<String> upstreamId, Instant createdAt, boolean streamed,
                            boolean cancelled, Optional<String> finishReason, Optional<String> nativeFinishReason,
                            TokenUsage usage, Cost cost, long latencyMillis, long generationMillis,
                            Optional<String> externalUser, Optional<String> httpReferer, Optional<String> appTitle,
                            Optional<String> userAgent, List<ProviderAttempt> attempts, int mediaInPrompt) {
        this(id, keyHash, accountId, model, providerName, endpointId, upstreamId, createdAt, streamed, cancelled,
                finishReason, nativeFinishReason, usage, cost, latencyMillis, generationMillis, externalUser, httpReferer,
                appTitle, userAgent, attempts, mediaInPrompt, Optional.empty(), Optional.empty(), Money.ZERO, List.of(),
                COMPLETIONS);
    }

    /** The app that made the request, from its attribution headers. */
    public Optional<App> app() {
        return App.of(httpReferer, appTitle);
    }

    /**
     * One provider tried for this generation, the status the client would have seen from it (200 when it
     * served), how long it took, and why it failed when it did — the upstream's error, or why the provider
     * could not take the request and the next endpoint got it.
     */
    public record ProviderAttempt(String providerName, String model, int status, long latencyMillis,
                                  Optional<String> reason) {
        public ProviderAttempt(String providerName, String model, int status, long latencyMillis) {
            this(providerName, model, status, latencyMillis, Optional.empty());
        }
    }
}
