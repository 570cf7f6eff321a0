package dev.junction.api;

import dev.junction.generation.ErrorRenderer;
import dev.junction.generation.OpenRouterErrors;
import dev.junction.wire.PercentDecoding;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Dispatches requests to handlers by method and path. Paths are exact, or patterns with
 * {@code {name}} segments. Unknown paths get a 404 and known paths with the wrong method a 405, both
 * in the error envelope — a path's errors in the envelope of its handlers' dialect ({@link Handler#errors()});
 * CORS preflights are answered here.
 */
public final class RouteTable {
    /** Handles one request; a failed future (or a thrown exception) becomes an error response. */
    @FunctionalInterface
    public interface Handler {
        Future<?> handle(HttpServerRequest request, Map<String, String> pathParams);

        /** How this handler's errors are written: OpenRouter's envelope unless its dialect has its own. */
        default ErrorRenderer errors() {
            return OpenRouterErrors.INSTANCE;
        }
    }

    /** The handlers of the path a request named, with its path parameters. */
    private record Match(Map<HttpMethod, Handler> handlers, Map<String, String> params, String pattern) {
        ErrorRenderer errors() {
            return handlers.values().iterator().next().errors();
        }
    }

    private static final String NOSNIFF = "X-Content-Type-Options";

    private record Pattern(String path, String[] segments, Map<HttpMethod, Handler> handlers) {}

    /** A route as it was added: what the OpenAPI description is built from. */
    public record Route(HttpMethod method, String path) {
        /** {@code GET /api/v1/models}. */
        public String name() {
            return method.name() + " " + path;
        }
    }

    private final Map<String, Map<HttpMethod, Handler>> exact = new HashMap<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final Cors cors;
    private final RequestTracker tracker;

    RouteTable(Cors cors, RequestTracker tracker) {
        this.cors = cors;
        this.tracker = tracker;
    }

    public RouteTable add(HttpMethod method, String path, Handler handler) {
        routes.add(new Route(method, path));
        if (path.contains("{")) {
            String[] segments = path.split("/");
            Pattern pattern = patterns.stream().filter(p -> java.util.Arrays.equals(p.segments(), segments))
                    .findFirst().orElseGet(() -> {
                        Pattern p = new Pattern(path, segments, new LinkedHashMap<>());
                        patterns.add(p);
                        return p;
                    });
            pattern.handlers().put(method, handler);
        } else {
            exact.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
        }
        return this;
    }

    /** Every route, in the order added. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Answers every request, whatever goes wrong: an exception escaping this method would leave the client
     * waiting on an open connection until it gives up.
     */
    public void dispatch(HttpServerRequest request) {
        // Browsers must not sniff a JSON body (an error quoting the client's input) into HTML or script.
        request.response().putHeader(NOSNIFF, "nosniff");
        RequestTracker.Visit visit = tracker.arrived(request);
        ErrorRenderer errors = OpenRouterErrors.INSTANCE;
        try {
            if (cors.handle(request)) {
                return;
            }
            Optional<Match> found = route(request.path());
            errors = found.map(Match::errors).orElse(errors);
            String query = request.query();
            if (query != null) {
                FormEncoding.check(query, "query parameter");
            }
            Match route = found.orElseThrow(() -> ApiException.notFound("No route for " + request.method() + " " + request.path()));
            visit.routed(route.pattern());
            ErrorRenderer routeErrors = errors;
            handle(request, route).onFailure(error -> ErrorResponder.write(request, error, routeErrors));
        } catch (RuntimeException error) {
            ErrorResponder.write(request, error, errors);
        }
    }

    /** How errors of requests for {@code path} are written: its handlers' dialect's envelope, else OpenRouter's. */
    ErrorRenderer errorsFor(String path) {
        try {
            return route(path).map(Match::errors).orElse(OpenRouterErrors.INSTANCE);
        } catch (ApiException malformedPath) {
            return OpenRouterErrors.INSTANCE;
        }
    }

    private static Future<?> handle(HttpServerRequest request, Match route) {
        String path = request.path();
        Map<HttpMethod, Handler> handlers = route.handlers();
        Handler handler = handlers.get(request.method());
        if (handler == null && request.method() == HttpMethod.HEAD) {
            handler = handlers.get(HttpMethod.GET);
        }
        if (handler == null) {
            Set<HttpMethod> allowed = handlers.keySet();
            request.response().putHeader(HttpHeaders.ALLOW, allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
            throw new ApiException(405, request.method() + " is not allowed on " + path);
        }
        return handler.handle(request, route.params());
    }

    private Optional<Match> route(String path) {
        Map<String, String> params = Map.of();
        String pattern = path;
        Map<HttpMethod, Handler> handlers = exact.get(path);
        if (handlers == null && path.length() > 1 && path.endsWith("/")) {
            pattern = path.substring(0, path.length() - 1);
            handlers = exact.get(pattern);
        }
        if (handlers == null) {
            String[] parts = path.split("/");
            Optional<Pattern> best = bestMatch(parts);
            if (best.isPresent()) {
                handlers = best.get().handlers();
                params = parameters(best.get().segments(), parts);
                pattern = best.get().path();
            }
        }
        return handlers == null ? Optional.empty() : Optional.of(new Match(handlers, params, pattern));
    }

    /**
     * The pattern the path fits, preferring the one with the most literal segments: {@code /models/{model}/endpoints}
     * over {@code /models/{author}/{slug}} for {@code /models/openai%2Fgpt-4o/endpoints}. Ties go to the first added.
     */
    private Optional<Pattern> bestMatch(String[] parts) {
        Pattern best = null;
        int bestLiterals = -1;
        for (Pattern pattern : patterns) {
            int literals = literalsMatched(pattern.segments(), parts);
            if (literals > bestLiterals) {
                best = pattern;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** How many literal segments of the pattern the path matches, or -1 when it does not fit. */
    private static int literalsMatched(String[] segments, String[] parts) {
        if (parts.length != segments.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < parts.length; i++) {
            if (isParameter(segments[i])) {
                if (parts[i].isEmpty()) {
                    return -1;
                }
            } else if (segments[i].equals(parts[i])) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    /** Decoded only once the route is certain, so a malformed escape is reported for the route it is in. */
    private static Map<String, String> parameters(String[] segments, String[] parts) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (isParameter(segments[i])) {
                params.put(segments[i].substring(1, segments[i].length() - 1), segment(parts[i]));
            }
        }
        return params;
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** A path parameter as RFC 3986 decodes it: {@code %2F} is a slash inside the segment, {@code +} a plus. */
    private static String segment(String raw) {
        try {
            return PercentDecoding.text(raw);
        } catch (PercentDecoding.MalformedEscapeException e) {
            throw ApiException.badRequest("path segment '" + raw + "': " + e.getMessage());
        }
    }
}
