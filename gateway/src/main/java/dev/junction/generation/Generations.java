package dev.junction.generation;

import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.GenerationSink;
import dev.junction.accounting.Hold;
import dev.junction.money.Money;
import dev.junction.accounting.TokenCounter;
import dev.junction.config.ProviderConfig;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyService;
import dev.junction.limits.Admission;
import dev.junction.limits.KeyChangedException;
import dev.junction.limits.RateLimits;
import dev.junction.providers.Provider;
import dev.junction.routing.FallbackExecutor;
import dev.junction.routing.RoutePlan;
import dev.junction.routing.Router;
import dev.junction.routing.RoutingRequest;
import dev.junction.teams.GuardrailCheck;
import dev.junction.teams.Guardrails;
import dev.junction.wire.ClientRequest;
import dev.junction.search.WebSearches;
import dev.junction.plugins.FileParser;
import dev.junction.plugins.PdfText;
import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.PromptText;
import dev.junction.wire.Transforms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import tools.jackson.databind.node.ObjectNode;

import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Where generations begin, one per event loop: a parsed request is planned, checked against its rate limits
 * and held for its worst-case cost, and becomes a {@link Generation} that owns the hold from then on.
 */
public final class Generations {
    private final Router router;
    private final RateLimits rateLimits;
    private final Admission admission;
    private final KeyService keys;
    private final GenerationIds ids;
    private final RandomGenerator random;
    private final InstantSource clock;
    private final Vertx vertx;
    private final Room room;
    private final Guardrails guardrails;

    /**
     * @param providers this event loop's provider for an endpoint's provider configuration
     * @param random    this event loop's own generator, for load balancing
     * @param listener  told of every refusal and every generation (metrics, traces)
     */
    public Generations(Router router, RateLimits rateLimits, Admission admission, KeyService keys, CreditLedger ledger,
                       GenerationSink sink, FallbackExecutor executor, Function<ProviderConfig, Provider> providers,
                       GenerationIds ids, RandomGenerator random, InstantSource clock, LongSupplier nanos, Vertx vertx,
                       GenerationListener listener, Optional<WebSearches> webSearches, Guardrails guardrails) {
        this.router = router;
        this.guardrails = guardrails;
        this.rateLimits = rateLimits;
        this.admission = admission;
        this.keys = keys;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.vertx = vertx;
        this.room = new Room(ledger, sink, executor, executor.health(), providers, nanos, listener, webSearches);
    }

    /**
     * Holds the request to its key's guardrails, plans it and admits it: fails with the guardrail's refusal (403,
     * 402), the routing error (400, 503), the rate limit (429) or the credit refusal (402), and otherwise holds the
     * worst case and hands the hold to a new generation.
     */
    public Future<Generation> admit(ApiKey key, ClientRequest request, Origin origin) {
        return guardrails.forKey(key)
                .compose(rails -> {
                    GuardrailCheck.Checked checked = GuardrailCheck.apply(rails, request, router::canonicalSlug);
                    return guardrails.checkSpending(rails).map(checked);
                })
                .compose(checked -> admit(key, checked, origin));
    }

    private Future<Generation> admit(ApiKey key, GuardrailCheck.Checked checked, Origin origin) {
        ClientRequest request = checked.request();
        return promptTokens(request)
                .map(tokens -> router.plan(routing(request, tokens), checked.rules(), random))
                .compose(plan -> {
                    WebSearchStep web = new WebSearchStep(request, room.webSearches(), clock.instant());
                    return prepared(plan, request)
                            .compose(prompts -> admitted(key, plan.usesFreeModel(),
                                    WorstCase.of(plan, request, web::worstCase), true)
                                    .map(hold -> open(hold.key(), request, origin, plan, prompts, hold, web)));
                })
                .onFailure(refusal -> room.listener().refused(request, refusal));
    }

    /**
     * Checks the key's rate limits and holds the worst case. When the key turns out to have changed on
     * another instance since its copy here was read, the admission let nothing in: the key is read again
     * (refused now if it was disabled or deleted) and admitted once more under its new limits. The hold
     * carries the copy it was admitted with.
     */
    private Future<Hold> admitted(ApiKey key, boolean freeModel, Money worstCase, boolean mayReload) {
        return rateLimits.rules(key, freeModel)
                .compose(rules -> admission.admit(key, rules, worstCase))
                .recover(e -> e instanceof KeyChangedException && mayReload
                        ? keys.reload(key.hash()).compose(current -> admitted(current, freeModel, worstCase, false))
                        : Future.failedFuture(e));
    }

    /**
     * What each attempt is sent: PDFs as text for endpoints that cannot read them, and middle-out for those too
     * small for the prompt; parsed and counted off the event loop, and only when some attempt may need it.
     */
    private Future<PreparedPrompts> prepared(RoutePlan plan, ClientRequest request) {
        Optional<FileParser.Engine> pdfs = PdfPrompts.needed(plan, request);
        if (pdfs.isEmpty() && !PreparedPrompts.mayBeNeeded(plan, request)) {
            return Future.succeededFuture(PreparedPrompts.NONE);
        }
        return vertx.executeBlocking(() -> {
            try {
                PdfPrompts parsed = pdfs.isPresent() ? PdfPrompts.of(pdfs.get(), request) : PdfPrompts.NONE;
                return PreparedPrompts.of(plan, request, parsed);
            } catch (PdfText.UnreadablePdfException e) {
                throw new InvalidRequestException(e.getMessage());
            }
        }, false);
    }

    private Generation open(ApiKey key, ClientRequest request, Origin origin, RoutePlan plan, PreparedPrompts prompts,
                            Hold hold, WebSearchStep web) {
        try {
            ClientRequest effective = plan.wantsThinking() ? withReasoning(request) : request;
            return new Generation(ids.next(), key, effective, plan, prompts, hold, origin, clock.instant(), room,
                    web.withRequest(effective));
        } catch (RuntimeException e) {
            room.ledger().release(hold); // nobody else owns it yet
            throw e;
        }
    }

    private static RoutingRequest routing(ClientRequest r, long promptTokens) {
        return new RoutingRequest(r.models(), r.preferences(), r.parameters(), promptTokens, r.maxTokens(),
                r.inputModalities(), r.usesTools(), r.autoRouter(), r.outputModalities(), Transforms.of(r.body()));
    }

    /**
     * The prompt's size in tokens. Counting is CPU work, so it only happens when some endpoint's context
     * window is within reach of the worst case (a token per UTF-8 byte); otherwise a four-characters-per-token
     * estimate serves, and the counting runs off the event loop. Embeddings and rerank requests are not measured
     * against context windows.
     */
    private Future<Long> promptTokens(ClientRequest r) {
        if (!r.api().generatesText()) {
            // Embedding inputs and rerank documents fit an endpoint's window one by one, not together: the
            // upstream, not the router, refuses one too long.
            return Future.succeededFuture(0L);
        }
        long worstCase = 3 * r.promptChars() + r.maxTokens().orElse(0);
        int smallest = router.smallestContext(r.models());
        if (smallest == 0 || worstCase <= smallest) {
            return Future.succeededFuture((r.promptChars() + 3) / 4);
        }
        return vertx.executeBlocking(() -> TokenCounter.count(PromptText.of(r)), false);
    }

    /** {@code :thinking}: reasoning on, unless the client already said how it wants reasoning. */
    private static ClientRequest withReasoning(ClientRequest r) {
        if (r.body().hasNonNull("reasoning")) {
            return r;
        }
        ObjectNode body = r.body().deepCopy();
        body.putObject("reasoning").put("enabled", true);
        return r.withBody(body);
    }
}
