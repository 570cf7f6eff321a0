package dev.junction.generation;

import dev.junction.catalog.Endpoint;
import dev.junction.plugins.MiddleOut;
import dev.junction.routing.Attempt;
import dev.junction.routing.RoutePlan;
import dev.junction.wire.ApiKind;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.Transforms;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The prompt middle-out made for each attempt of a plan whose endpoint is too small for the request as sent
 * (context is per endpoint: a fallback to a larger one gets the prompt whole). Made once, before the first
 * attempt, off the event loop (counting tokens is CPU work).
 */
final class CompressedPrompts {
    static final CompressedPrompts NONE = new CompressedPrompts(Map.of());
    /**
     * The share of a context window left unfilled: Junction counts with GPT-4o's tokenizer, and an upstream
     * counting with its own may find a few percent more.
     */
    static final double MARGIN = 0.05;

    private final Map<Attempt, MiddleOut.Result> byAttempt;

    private CompressedPrompts(Map<Attempt, MiddleOut.Result> byAttempt) {
        this.byAttempt = byAttempt;
    }

    /**
     * Whether any attempt may need middle-out, by a bound needing no count (a token per UTF-8 byte at most,
     * three bytes per character): when not, nothing is counted.
     */
    static boolean mayBeNeeded(RoutePlan plan, ClientRequest request) {
        if (request.api() != ApiKind.CHAT) {
            return false;
        }
        Transforms transforms = Transforms.of(request.body());
        long worstCase = 3 * request.promptChars() + request.maxTokens().orElse(0);
        return plan.attempts().stream().map(Attempt::endpoint)
                .anyMatch(e -> transforms.middleOutFor(e.contextLength()) && worstCase > budget(e, request));
    }

    /** Compresses the prompt for each attempt that needs it. CPU work: not on the event loop. */
    static CompressedPrompts of(RoutePlan plan, ClientRequest request) {
        Transforms transforms = Transforms.of(request.body());
        Map<Long, Optional<MiddleOut.Result>> byBudget = new HashMap<>();
        Map<Attempt, MiddleOut.Result> byAttempt = new HashMap<>();
        for (Attempt a : plan.attempts()) {
            if (transforms.middleOutFor(a.endpoint().contextLength())) {
                long budget = budget(a.endpoint(), request);
                byBudget.computeIfAbsent(budget, b -> MiddleOut.fit(request.body(), b))
                        .ifPresent(result -> byAttempt.put(a, result));
            }
        }
        return byAttempt.isEmpty() ? NONE : new CompressedPrompts(Map.copyOf(byAttempt));
    }

    /** What middle-out did for this attempt, if it had to. */
    Optional<MiddleOut.Result> of(Attempt attempt) {
        return Optional.ofNullable(byAttempt.get(attempt));
    }

    /** The prompt tokens an endpoint leaves once the completion's room and the margin are taken off. */
    private static long budget(Endpoint e, ClientRequest request) {
        long room = e.contextLength() - (long) request.maxTokens().orElse(0);
        if (e.maxPromptTokens().isPresent()) {
            room = Math.min(room, e.maxPromptTokens().getAsInt());
        }
        return Math.max(0, room - (long) Math.ceil(e.contextLength() * MARGIN));
    }
}
