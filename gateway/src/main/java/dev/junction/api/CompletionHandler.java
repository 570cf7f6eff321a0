package dev.junction.api;

import dev.junction.generation.Dialect;
import dev.junction.generation.ErrorRenderer;
import dev.junction.generation.Generation;
import dev.junction.generation.Generations;
import dev.junction.generation.Origin;
import dev.junction.generation.Renderer;
import dev.junction.wire.JsonBuffers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generation endpoint of one client dialect ({@code POST /chat/completions}, {@code /completions},
 * {@code /responses}, {@code /messages}, {@code /embeddings}, {@code /rerank}):
 * authenticate, read the body, parse it in the dialect, have the generation admitted, then answer as JSON or
 * as a stream, rendered in the dialect.
 */
final class CompletionHandler implements RouteTable.Handler {
    /** Tells the client what it asked for that this gateway cannot do (web search, …), one header per warning. */
    static final String WARNING_HEADER = "X-Junction-Warning";
    /** What the middle-out transform removed from the prompt, when it had to. */
    static final String MIDDLE_OUT_HEADER = "X-Junction-Middle-Out";
    /** Names the auto-router rule that picked the model for {@code openrouter/auto}. */
    static final String AUTO_ROUTE_HEADER = "X-Junction-Auto-Route";
    /** The model the auto-router chose (also the answer's {@code model}). */
    static final String AUTO_ROUTE_MODEL_HEADER = "X-Junction-Auto-Route-Model";
    /** Why the auto-router chose it, in a sentence. */
    static final String AUTO_ROUTE_REASON_HEADER = "X-Junction-Auto-Route-Reason";

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

    /** Every error of the route — a missing key as much as a failed upstream — in the dialect's envelope. */
    @Override
    public ErrorRenderer errors() {
        return dialect.errors();
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        request.pause(); // the key lookup may go to the store; the body must wait, not be dropped
        return auth.standard(request)
                .compose(key -> BodyReader.read(request, services.config().server().maxBodyBytes())
                        .compose(body -> {
                            Dialect.Parsed parsed = JsonBuffers.apply(body, dialect::parse);
                            return generations.admit(key, parsed.request(), origin(request))
                                    .compose(generation -> {
                                        tracker.generation(request, generation);
                                        return answer(request, generation, parsed.renderer());
                                    });
                        }));
    }

    private Future<Void> answer(HttpServerRequest request, Generation generation, Renderer renderer) {
        generation.plan().autoRoute().ifPresent(choice -> request.response()
                .putHeader(AUTO_ROUTE_HEADER, choice.rule())
                .putHeader(AUTO_ROUTE_MODEL_HEADER, choice.model())
                .putHeader(AUTO_ROUTE_REASON_HEADER, choice.reason()));
        List<String> warnings = new ArrayList<>(generation.request().warnings());
        generation.webSearchWarning().ifPresent(warnings::add);
        if (!warnings.isEmpty()) {
            request.response().putHeader(WARNING_HEADER, warnings);
        }
        if (generation.request().stream()) {
            long keepAlive = services.config().server().keepAliveInterval().toMillis();
            return new StreamRelay(request, generation, renderer, vertx, keepAlive).run();
        }
        return new JsonResponder(request, generation, renderer).run();
    }

    private static Origin origin(HttpServerRequest request) {
        return new Origin(Optional.ofNullable(request.getHeader("HTTP-Referer")),
                Optional.ofNullable(request.getHeader("X-Title")).or(() -> Optional.ofNullable(request.getHeader("X-OpenRouter-Title"))),
                Optional.ofNullable(request.getHeader(HttpHeaders.USER_AGENT)),
                Optional.ofNullable(request.getHeader("X-Session-Id")).filter(s -> !s.isBlank() && s.length() <= 256),
                Optional.ofNullable(request.getHeader("traceparent")), Optional.ofNullable(request.getHeader("tracestate")));
    }
}
