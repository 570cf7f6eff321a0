package dev.junction.api;

import dev.junction.generation.Dialect;
import dev.junction.generation.Generation;
import dev.junction.generation.Generations;
import dev.junction.generation.Origin;
import dev.junction.wire.JsonBuffers;
import dev.junction.wire.ClientRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.Map;
import java.util.Optional;

/**
 * A generation endpoint of one client dialect ({@code POST /chat/completions}, {@code POST /completions}):
 * authenticate, read the body, parse it in the dialect, have the generation admitted, then answer as JSON or
 * as a stream, rendered in the dialect.
 */
final class CompletionHandler implements RouteTable.Handler {
    /** Tells the client that {@code :online} asked for web search, which this gateway does not have yet. */
    static final String WARNING_HEADER = "X-Junction-Warning";
    /** Names the auto-router rule that picked the model for {@code openrouter/auto}. */
    static final String AUTO_ROUTE_HEADER = "X-Junction-Auto-Route";

    private final Dialect dialect;
    private final Services services;
    private final Generations generations;
    private final Vertx vertx;
    private final Auth auth;
    private final RequestTracker tracker;

    CompletionHandler(Dialect dialect, Services services, Generations generations, Vertx vertx, RequestTracker tracker) {
        this.dialect = dialect;
        this.tracker = tracker;
        this.services = services;
        this.generations = generations;
        this.vertx = vertx;
        this.auth = new Auth(services.keys());
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        request.pause(); // the key lookup may go to the store; the body must wait, not be dropped
        return auth.standard(request)
                .compose(key -> BodyReader.read(request, services.config().server().maxBodyBytes())
                        .compose(body -> {
                            ClientRequest parsed = JsonBuffers.apply(body, dialect.parser()::parse);
                            return generations.admit(key, parsed, origin(request));
                        }))
                .compose(generation -> {
                    tracker.generation(request, generation);
                    return answer(request, generation);
                });
    }

    private Future<Void> answer(HttpServerRequest request, Generation generation) {
        generation.plan().autoRule().ifPresent(rule -> request.response().putHeader(AUTO_ROUTE_HEADER, rule));
        if (generation.plan().wantsWebSearch()) {
            request.response().putHeader(WARNING_HEADER,
                    "web search (:online) is not available on this gateway; answered without web results");
        }
        if (generation.request().stream()) {
            long keepAlive = services.config().server().keepAliveInterval().toMillis();
            return new StreamRelay(request, generation, dialect.renderer(), vertx, keepAlive).run();
        }
        return new JsonResponder(request, generation, dialect.renderer()).run();
    }

    private static Origin origin(HttpServerRequest request) {
        return new Origin(Optional.ofNullable(request.getHeader("HTTP-Referer")),
                Optional.ofNullable(request.getHeader("X-Title")).or(() -> Optional.ofNullable(request.getHeader("X-OpenRouter-Title"))),
                Optional.ofNullable(request.getHeader(HttpHeaders.USER_AGENT)));
    }
}
