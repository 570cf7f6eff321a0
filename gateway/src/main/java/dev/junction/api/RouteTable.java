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
    private record Route(Map<HttpMethod, Handler> handlers, Map<String, String> params) {
        ErrorRenderer errors() {
            return handlers.values().iterator().next().errors();
        }
    }

    private static final String NOSNIFF = "X-Content-Type-Options";

    private record Pattern(String[] segments, Map<HttpMethod, Handler> handlers) {}

    private final Map<String, Map<HttpMethod, Handler>> exact = new HashMap<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private final Cors cors;

    public RouteTable(Cors cors) {
        this.cors = cors;
    }

    public RouteTable add(HttpMethod method, String path, Handler handler) {
        if (path.contains("{")) {
            String[] segments = path.split("/");
            Pattern pattern = patterns.stream().filter(p -> java.util.Arrays.equals(p.segments(), segments))
                    .findFirst().orElseGet(() -> {
                        Pattern p = new Pattern(segments, new LinkedHashMap<>());
                        patterns.add(p);
                        return p;
                    });
            pattern.handlers().put(method, handler);
        } else {
            exact.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
        }
        return this;
    }

    /**
     * Answers every request, whatever goes wrong: an exception escaping this method would leave the client
     * waiting on an open connection until it gives up.
     */
    public void dispatch(HttpServerRequest request) {
        // Browsers must not sniff a JSON body (an error quoting the client's input) into HTML or script.
        request.response().putHeader(NOSNIFF, "nosniff");
        ErrorRenderer errors = OpenRouterErrors.INSTANCE;
        try {
            if (cors.handle(request)) {
                return;
            }
            Optional<Route> found = route(request.path());
            errors = found.map(Route::errors).orElse(errors);
            String query = request.query();
            if (query != null) {
                FormEncoding.check(query, "query parameter");
            }
            Route route = found.orElseThrow(() -> ApiException.notFound("No route for " + request.method() + " " + request.path()));
            ErrorRenderer routeErrors = errors;
            handle(request, route).onFailure(error -> ErrorResponder.write(request, error, routeErrors));
        } catch (RuntimeException error) {
            ErrorResponder.write(request, error, errors);
        }
    }

    /** How errors of requests for {@code path} are written: its handlers' dialect's envelope, else OpenRouter's. */
    ErrorRenderer errorsFor(String path) {
        try {
            return route(path).map(Route::errors).orElse(OpenRouterErrors.INSTANCE);
        } catch (ApiException malformedPath) {
            return OpenRouterErrors.INSTANCE;
        }
    }

    private static Future<?> handle(HttpServerRequest request, Route route) {
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

    private Optional<Route> route(String path) {
        Map<String, String> params = Map.of();
        Map<HttpMethod, Handler> handlers = exact.get(path);
        if (handlers == null && path.length() > 1 && path.endsWith("/")) {
            handlers = exact.get(path.substring(0, path.length() - 1));
        }
        if (handlers == null) {
            for (Pattern pattern : patterns) {
                Optional<Map<String, String>> match = match(pattern.segments(), path);
                if (match.isPresent()) {
                    handlers = pattern.handlers();
                    params = match.get();
                    break;
                }
            }
        }
        return handlers == null ? Optional.empty() : Optional.of(new Route(handlers, params));
    }

    private static Optional<Map<String, String>> match(String[] segments, String path) {
        String[] parts = path.split("/");
        if (parts.length != segments.length) {
            return Optional.empty();
        }
        for (int i = 0; i < parts.length; i++) {
            boolean matches = isParameter(segments[i]) ? !parts[i].isEmpty() : segments[i].equals(parts[i]);
            if (!matches) {
                return Optional.empty();
            }
        }
        // Decoded only once the route is certain, so a malformed escape is reported for the route it is in.
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (isParameter(segments[i])) {
                params.put(segments[i].substring(1, segments[i].length() - 1), segment(parts[i]));
            }
        }
        return Optional.of(params);
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
