package dev.junction.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

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
 * in the error envelope; CORS preflights are answered here.
 */
public final class RouteTable {
    /** Handles one request; a failed future (or a thrown exception) becomes an error response. */
    @FunctionalInterface
    public interface Handler {
        Future<?> handle(HttpServerRequest request, Map<String, String> pathParams);
    }

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

    public void dispatch(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (cors.handle(request)) {
            return;
        }
        Map<String, String> params = Map.of();
        String path = request.path();
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
        if (handlers == null) {
            ErrorResponder.send(request, ApiException.notFound("No route for " + request.method() + " " + path));
            return;
        }
        Handler handler = handlers.get(request.method());
        if (handler == null && request.method() == HttpMethod.HEAD) {
            handler = handlers.get(HttpMethod.GET);
        }
        if (handler == null) {
            Set<HttpMethod> allowed = handlers.keySet();
            response.putHeader(HttpHeaders.ALLOW, allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
            ErrorResponder.send(request, new ApiException(405, request.method() + " is not allowed on " + path));
            return;
        }
        try {
            handler.handle(request, params).onFailure(error -> ErrorResponder.write(request, error));
        } catch (RuntimeException error) {
            ErrorResponder.write(request, error);
        }
    }

    private static Optional<Map<String, String>> match(String[] segments, String path) {
        String[] parts = path.split("/");
        if (parts.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String s = segments[i];
            if (s.startsWith("{") && s.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(s.substring(1, s.length() - 1), java.net.URLDecoder.decode(parts[i].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            } else if (!s.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
