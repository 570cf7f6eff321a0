package dev.junction.api;

import dev.junction.config.MetricsConfig;
import dev.junction.generation.OpenRouterErrors;
import dev.junction.observability.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.Map;

/**
 * The management port ({@code metrics.port}): {@code GET /metrics} and nothing else, on an address of its own, so
 * that metrics can be kept off a public API port. One server on one event loop: a scrape every few seconds needs
 * no more.
 */
public final class ManagementServer {
    private final HttpServer server;

    private ManagementServer(HttpServer server) {
        this.server = server;
    }

    public static Future<ManagementServer> start(Vertx vertx, Metrics metrics, MetricsConfig config) {
        MetricsHandler handler = MetricsHandler.onManagementPort(metrics, config, vertx);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.host())
                        .setPort(config.port().orElseThrow())
                        .setHttp2ClearTextEnabled(false))
                .requestHandler(request -> {
                    try {
                        if (!request.path().equals("/metrics")) {
                            throw ApiException.notFound("The management port serves GET /metrics only");
                        }
                        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                            throw new ApiException(405, request.method() + " is not allowed on /metrics",
                                    Map.of(), Map.of("Allow", "GET"));
                        }
                        handler.handle(request, Map.of()).onFailure(e ->
                                ErrorResponder.write(request, e, OpenRouterErrors.INSTANCE));
                    } catch (RuntimeException e) {
                        ErrorResponder.write(request, e, OpenRouterErrors.INSTANCE);
                    }
                });
        return server.listen().map(ManagementServer::new);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }
}
