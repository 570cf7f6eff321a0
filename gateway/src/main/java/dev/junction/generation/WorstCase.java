package dev.junction.generation;

import dev.junction.accounting.CostCalculator;
import dev.junction.money.Money;
import dev.junction.accounting.TokenUsage;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Pricing;
import dev.junction.routing.Attempt;
import dev.junction.routing.RoutePlan;
import dev.junction.wire.ClientRequest;

/**
 * The most a request can cost on any endpoint of its plan: what is held before the upstream call.
 * Prompt tokens are bounded by the prompt's characters (no tokenizer makes more tokens than that for
 * ordinary text) plus a per-request allowance for message framing; completion tokens by
 * {@code max_tokens}, else the endpoint's output limit, else its whole context window, else
 * {@link #UNBOUNDED_COMPLETION}. The dearer of the prompt and cache-write prices, and of the completion
 * and reasoning prices, is assumed.
 */
public final class WorstCase {
    /** Completion tokens assumed when neither the request nor the catalog bounds the output. */
    public static final int UNBOUNDED_COMPLETION = 16_384;
    private static final long FRAMING_TOKENS = 64;

    private WorstCase() {}

    public static Money of(RoutePlan plan, ClientRequest request) {
        return of(plan, request, attempt -> Money.ZERO);
    }

    /** @param searchAtMost the most an attempt's web search may add (native searches, or Junction's results) */
    static Money of(RoutePlan plan, ClientRequest request, java.util.function.Function<Attempt, Money> searchAtMost) {
        long prompt = request.promptChars() + FRAMING_TOKENS;
        Money worst = Money.ZERO;
        for (Attempt attempt : plan.attempts()) {
            Endpoint e = attempt.endpoint();
            long completion = completionTokens(request, e, prompt);
            Pricing p = e.pricing();
            boolean writeDearer = p.inputCacheWrite().compareTo(p.prompt()) > 0;
            boolean reasoningDearer = p.internalReasoning().map(r -> r.compareTo(p.completion()) > 0).orElse(false);
            TokenUsage usage = new TokenUsage(prompt, completion, 0, writeDearer ? prompt : 0,
                    reasoningDearer ? completion : 0, true);
            Money cost = CostCalculator.cost(p, usage, request.inputImages(), 0).total().plus(searchAtMost.apply(attempt));
            if (cost.compareTo(worst) > 0) {
                worst = cost;
            }
        }
        return worst;
    }

    private static long completionTokens(ClientRequest request, Endpoint e, long prompt) {
        if (request.maxTokens().isPresent()) {
            return request.maxTokens().getAsInt();
        }
        if (e.maxCompletionTokens().isPresent()) {
            return e.maxCompletionTokens().getAsInt();
        }
        if (e.contextLength() > 0) {
            return e.contextLength(); // not minus the prompt: our prompt figure is a bound, not a count
        }
        return UNBOUNDED_COMPLETION;
    }
}
