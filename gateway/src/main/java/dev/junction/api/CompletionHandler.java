package dev.junction.api;

import dev.junction.accounting.Hold;
import dev.junction.accounting.TokenCounter;
import dev.junction.keys.ApiKey;
import dev.junction.providers.ApiKind;
import dev.junction.providers.JsonBuffers;
import dev.junction.providers.ProviderRegistry;
import dev.junction.routing.RoutePlan;
import dev.junction.routing.RoutingRequest;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.PromptText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code POST /chat/completions} and {@code POST /completions}: authenticate, read and validate the
 * body, plan the attempts, then answer as JSON or as a stream.
 */
final class CompletionHandler implements RouteTable.Handler {
    /** Tells the client that {@code :online} asked for web search, which this gateway does not have yet. */
    static final String WARNING_HEADER = "X-Junction-Warning";
    /** Names the auto-router rule that picked the model for {@code openrouter/auto}. */
    static final String AUTO_ROUTE_HEADER = "X-Junction-Auto-Route";

    private final ApiKind api;
    private final Services services;
    private final ProviderRegistry providers;
    private final GenerationIds ids;
    private final RandomGenerator random;
    private final Vertx vertx;
    private final Auth auth;

    CompletionHandler(ApiKind api, Services services, ProviderRegistry providers, GenerationIds ids,
                      RandomGenerator random, Vertx vertx) {
        this.api = api;
        this.services = services;
        this.providers = providers;
        this.ids = ids;
        this.random = random;
        this.vertx = vertx;
        this.auth = new Auth(services.keys());
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        request.pause(); // the key lookup may go to the store; the body must wait, not be dropped
        return auth.standard(request).compose(key -> BodyReader.read(request, services.config().server().maxBodyBytes())
                .compose(body -> {
                    ClientRequest parsed = JsonBuffers.apply(body, (bytes, offset, length) ->
                            services.parser().parse(bytes, offset, length, api));
                    return promptTokens(parsed)
                            .map(tokens -> services.router().plan(routing(parsed, tokens), random))
                            .compose(plan -> services.rateLimits().rules(key, plan.usesFreeModel())
                                    .compose(rules -> services.admission().admit(key, rules, WorstCase.of(plan, parsed)))
                                    .compose(hold -> answer(request, key, parsed, plan, hold)));
                }));
    }

    private Future<Void> answer(HttpServerRequest request, ApiKey key, ClientRequest parsed, RoutePlan plan, Hold hold) {
        ClientRequest effective = plan.wantsThinking() ? withReasoning(parsed) : parsed;
        plan.autoRule().ifPresent(rule -> request.response().putHeader(AUTO_ROUTE_HEADER, rule));
        if (plan.wantsWebSearch()) {
            request.response().putHeader(WARNING_HEADER,
                    "web search (:online) is not available on this gateway; answered without web results");
        }
        String id = ids.next();
        services.generations().open(id, hold);
        GenerationContext generation = new GenerationContext(id, key, effective, services.clock().instant(),
                Optional.ofNullable(request.getHeader("HTTP-Referer")),
                Optional.ofNullable(request.getHeader("X-Title")).or(() -> Optional.ofNullable(request.getHeader("X-OpenRouter-Title"))),
                Optional.ofNullable(request.getHeader(HttpHeaders.USER_AGENT)));
        Future<Void> done;
        try {
            done = respond(request, generation, plan);
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        // A generation that ended without being recorded (every attempt failed, or a bug threw) gives its hold back.
        return done.onComplete(result -> services.generations().release(id));
    }

    private Future<Void> respond(HttpServerRequest request, GenerationContext generation, RoutePlan plan) {
        if (generation.request.stream()) {
            long keepAlive = services.config().server().keepAliveInterval().toMillis();
            return new StreamRelay(request, generation, providers, services.generations(), vertx, keepAlive,
                    services.executor()).run(plan);
        }
        return new JsonResponder(request, generation, providers, services.generations(), services.executor()).run(plan);
    }

    private static RoutingRequest routing(ClientRequest r, long promptTokens) {
        return new RoutingRequest(r.models(), r.preferences(), r.parameters(), promptTokens, r.maxTokens(),
                r.inputModalities(), r.usesTools());
    }

    /**
     * The prompt's size in tokens. Counting is CPU work, so it only happens when some endpoint's
     * context window is within reach of the worst case (a token per UTF-8 byte); otherwise a
     * four-characters-per-token estimate serves, and the counting runs off the event loop.
     */
    private Future<Long> promptTokens(ClientRequest r) {
        long worstCase = 3 * r.promptChars() + r.maxTokens().orElse(0);
        int smallest = services.router().smallestContext(r.models());
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
