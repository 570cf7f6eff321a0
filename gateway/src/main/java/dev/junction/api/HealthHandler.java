package dev.junction.api;

import dev.junction.cluster.SharedService;

import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: the process is alive. {@code GET /ready}: it is started, not shutting down, and
 * has at least one routable model, and the services a cluster shares (Redis, the database) can serve it;
 * 503 otherwise, so a load balancer stops sending traffic. Each check is named in the body.
 */
final class HealthHandler {
    private final BooleanSupplier accepting;
    private final Services services;

    HealthHandler(BooleanSupplier accepting, Services services) {
        this.accepting = accepting;
        this.services = services;
    }

    Future<?> health(HttpServerRequest request, Map<String, String> params) {
        ObjectNode body = Json.object().put("status", "ok");
        return respond(request, 200, body);
    }

    Future<?> ready(HttpServerRequest request, Map<String, String> params) {
        boolean up = accepting.getAsBoolean();
        long routable = services.catalogs().current().models().stream().filter(m -> !m.routableEndpoints().isEmpty()).count();
        boolean sharedReady = services.shared().stream().allMatch(SharedService::ready);
        boolean ready = up && routable > 0 && sharedReady;
        ObjectNode body = Json.object();
        body.put("status", ready ? "ready" : "not ready");
        ObjectNode checks = body.putObject("checks");
        checks.put("accepting_requests", up);
        checks.put("routable_models", routable);
        for (SharedService service : services.shared()) {
            checks.put(service.name(), service.state());
        }
        return respond(request, ready ? 200 : 503, body);
    }

    private static Future<Void> respond(HttpServerRequest request, int status, ObjectNode body) {
        return request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Buffer.buffer(Json.bytes(body)));
    }
}
