package dev.junction.generation;

import dev.junction.catalog.Endpoint;
import dev.junction.plugins.MiddleOut;
import dev.junction.routing.Attempt;
import dev.junction.routing.RoutePlan;
import dev.junction.wire.ApiKind;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.Transforms;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each attempt of a plan is sent: the PDFs as text where the endpoint cannot read them ({@link PdfPrompts}),
 * and the prompt middle-out made for each attempt whose endpoint is too small for it (context is per endpoint: a
 * fallback to a larger one gets the prompt whole). Made once, before the first attempt, off the event loop
 * (parsing PDFs and counting tokens are CPU work).
 */
final class PreparedPrompts {
    static final PreparedPrompts NONE = new PreparedPrompts(PdfPrompts.NONE, Map.of());
    /**
     * The share of a context window left unfilled: Junction counts with GPT-4o's tokenizer, and an upstream
     * counting with its own may find a few percent more.
     */
    static final double MARGIN = 0.05;

    private final PdfPrompts pdfs;
    private final Map<Attempt, MiddleOut.Result> byAttempt;

    private PreparedPrompts(PdfPrompts pdfs, Map<Attempt, MiddleOut.Result> byAttempt) {
        this.pdfs = pdfs;
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

    /**
     * Compresses the prompt for each attempt that needs it, starting from what it is sent after {@code pdfs}.
     * CPU work: not on the event loop.
     */
    static PreparedPrompts of(RoutePlan plan, ClientRequest request, PdfPrompts pdfs) {
        Transforms transforms = Transforms.of(request.body());
        Map<ObjectNode, Map<Long, Optional<MiddleOut.Result>>> bySource = new IdentityHashMap<>();
        Map<Attempt, MiddleOut.Result> byAttempt = new HashMap<>();
        for (Attempt a : plan.attempts()) {
            if (transforms.middleOutFor(a.endpoint().contextLength())) {
                ObjectNode source = pdfs.body(a, request.body());
                long budget = budget(a.endpoint(), request);
                bySource.computeIfAbsent(source, s -> new HashMap<>())
                        .computeIfAbsent(budget, b -> MiddleOut.fit(source, b))
                        .ifPresent(result -> byAttempt.put(a, result));
            }
        }
        return new PreparedPrompts(pdfs, Map.copyOf(byAttempt));
    }

    /** What middle-out did for this attempt, if it had to. */
    Optional<MiddleOut.Result> of(Attempt attempt) {
        return Optional.ofNullable(byAttempt.get(attempt));
    }

    /** The body this attempt is sent. */
    ObjectNode body(Attempt attempt, ObjectNode original) {
        ObjectNode body = pdfs.body(attempt, original);
        MiddleOut.Result compressed = byAttempt.get(attempt);
        if (compressed == null) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        copy.set("messages", compressed.body().get("messages"));
        return copy;
    }

    /** The {@code file} annotations the answer of this attempt carries: the text of the PDFs it was sent. */
    Optional<ArrayNode> annotations(Attempt attempt) {
        return pdfs.annotations(attempt);
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
