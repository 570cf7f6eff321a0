package dev.junction.api;

import dev.junction.config.MetricsConfig;
import dev.junction.observability.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /metrics}: every meter in Prometheus' text format. Served where the configuration says — on the API port,
 * or only on the management port ({@code metrics.port}), the API port then answering 404 — and, when
 * {@code metrics.bearer-token} is set, only to a scraper that sends it. Scraping formats every series, which takes
 * a while on a busy gateway: it runs off the event loop.
 */
final class MetricsHandler implements RouteTable.Handler {
    private final Optional<Metrics> metrics;
    private final Optional<byte[]> expectedAuthorization;
    private final Vertx vertx;
    private final String unavailable;

    private MetricsHandler(Optional<Metrics> metrics, MetricsConfig config, Vertx vertx, String unavailable) {
        this.metrics = metrics;
        this.expectedAuthorization = config.bearerToken().map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
        this.vertx = vertx;
        this.unavailable = unavailable;
    }

    /** The handler of the API port's route: it serves only when no management port is configured. */
    static MetricsHandler onApiPort(Services services, Vertx vertx) {
        MetricsConfig config = services.config().metrics();
        Optional<Metrics> served = config.port().isPresent() ? Optional.empty() : services.telemetry().metrics();
        String why = !config.enabled() ? "Metrics are switched off (metrics.enabled)"
                : "Metrics are served on the management port (metrics.port), not on this one";
        return new MetricsHandler(served, config, vertx, why);
    }

    /** The handler of the management port. */
    static MetricsHandler onManagementPort(Metrics metrics, MetricsConfig config, Vertx vertx) {
        return new MetricsHandler(Optional.of(metrics), config, vertx, "");
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        if (metrics.isEmpty()) {
            throw ApiException.notFound(unavailable);
        }
        if (expectedAuthorization.isPresent() && !authorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            throw new ApiException(401, "Metrics need the scrape token: Authorization: Bearer <metrics.bearer-token>",
                    Map.of(), Map.of("WWW-Authenticate", "Bearer"));
        }
        Metrics registry = metrics.get();
        return vertx.executeBlocking(registry::scrape, false).compose(text -> request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, Metrics.CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Buffer.buffer(text)));
    }

    /** Compared in constant time: the token is a secret. */
    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expectedAuthorization.get());
    }
}
