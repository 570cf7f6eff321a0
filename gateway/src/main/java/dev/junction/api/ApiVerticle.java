package dev.junction.api;

import dev.junction.config.JunctionConfig;
import dev.junction.generation.GenerationIds;
import dev.junction.generation.Generations;
import dev.junction.generation.ProviderRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;

import dev.junction.observability.InFlightRequests;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * One event loop's share of the gateway: an HTTP server on the shared port, and its own upstream HTTP
 * client, so a request and its upstream call live on the same thread with no hand-off between them.
 */
public final class ApiVerticle extends VerticleBase {
    private static final SecureRandom SEEDS = new SecureRandom();

    private final Services services;
    private final BooleanSupplier accepting;
    private final InFlightRequests inFlight;
    private HttpServer server;
    private HttpClient client;
    private long sweeps = -1;

    public ApiVerticle(Services services, BooleanSupplier accepting, InFlightRequests inFlight) {
        this.services = services;
        this.accepting = accepting;
        this.inFlight = inFlight;
    }

    /**
     * Junction's own web search on this event loop, through the fetch guard on the same HTTP client as the upstream
     * calls; none when no backend is configured.
     */
    private java.util.Optional<dev.junction.search.WebSearches> webSearches(JunctionConfig config) {
        if (config.webSearch().backends().isEmpty()) {
            return java.util.Optional.empty();
        }
        var guard = new dev.junction.fetch.FetchGuard(config.fetch(), dev.junction.fetch.HostResolver.SYSTEM);
        var fetch = new dev.junction.fetch.GuardedFetch(vertx, client, guard, config.fetch());
        return java.util.Optional.of(new dev.junction.search.WebSearches(
                new dev.junction.search.SearchBackends(config.webSearch(), fetch),
                dev.junction.money.Money.ofUsd(config.webSearch().pricePerResult())));
    }

    @Override
    public Future<?> start() {
        JunctionConfig config = services.config();
        client = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setTcpNoDelay(true)
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(60)
                        .setDecompressionSupported(false))
                .with(new PoolOptions()
                        .setHttp1MaxSize(config.upstream().maxConnectionsPerHost())
                        .setMaxWaitQueueSize(-1))
                .build();
        ProviderRegistry providers = new ProviderRegistry(client, config.upstream());
        Generations generations = new Generations(services.router(), services.rateLimits(), services.admission(),
                services.keys(), services.ledger(), services.records(), services.executor(), providers::forConfig,
                new GenerationIds(new SplittableRandom(SEEDS.nextLong()), services.clock()),
                new SplittableRandom(SEEDS.nextLong()), services.clock(), System::nanoTime, vertx,
                services.telemetry().generations(), webSearches(config), services.guardrails());
        RouteTable routes = Routes.build(services, generations, vertx, accepting, inFlight);
        ConnectionDeadlines deadlines = new ConnectionDeadlines(config.server().idleTimeout(),
                config.server().bodyReadTimeout(), System::nanoTime, request -> routes.errorsFor(request.path()));
        Handler<HttpServerRequest> requests = request -> {
            deadlines.arrived(request);
            routes.dispatch(request);
        };
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.server().host())
                        .setPort(config.server().port())
                        .setTcpNoDelay(true)
                        .setCompressionSupported(false)
                        .setHandle100ContinueAutomatically(true)
                        // HTTP/1.1 only. With cleartext HTTP/2 on, Vert.x withholds a connection until its
                        // first request head is complete (to look for an h2c upgrade), so a connection that
                        // sends nothing, or only part of a head, could never be timed out.
                        .setHttp2ClearTextEnabled(false)
                        .setMaxInitialLineLength(InvalidRequests.MAX_REQUEST_LINE_BYTES)
                        .setMaxHeaderSize(InvalidRequests.MAX_HEADER_BYTES))
                .connectionHandler(connection -> {
                    deadlines.opened(connection);
                    InvalidRequests.frontConnection(connection, requests);
                })
                .invalidRequestHandler(InvalidRequests::answer)
                .requestHandler(requests);
        sweeps = vertx.setPeriodic(deadlines.sweepInterval().toMillis(), id -> deadlines.sweep());
        return server.listen();
    }

    public int actualPort() {
        return server.actualPort();
    }

    /**
     * Stops listening at once, lets the requests in flight finish for up to {@code server.drain-timeout}, then
     * closes what is left.
     */
    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweeps);
        long drainMillis = services.config().server().drainTimeout().toMillis();
        return server.shutdown(drainMillis, TimeUnit.MILLISECONDS).eventually(() -> client.close());
    }
}
