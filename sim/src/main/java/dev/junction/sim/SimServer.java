package dev.junction.sim;

import dev.junction.sim.anthropic.AnthropicProtocol;
import dev.junction.sim.engine.Exchange;
import dev.junction.sim.engine.Headers;
import dev.junction.sim.engine.LiveRecord;
import dev.junction.sim.engine.SimProtocol;
import dev.junction.sim.local.LmStudioProtocol;
import dev.junction.sim.local.OllamaProtocol;
import dev.junction.sim.gemini.GeminiProtocol;
import dev.junction.sim.openai.OpenAiErrors;
import dev.junction.sim.openai.OpenAiProtocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated upstream LLM provider on real HTTP: the OpenAI wire protocol with scripted behaviour (see
 * {@link SimScript}), plus control endpoints under {@code /sim/} ({@code GET /sim/stats}, {@code GET /sim/requests},
 * {@code POST /sim/reset}), which are not recorded.
 *
 * <p>Requests are served on one event loop of the given {@link Vertx}; nothing blocks it.
 */
public final class SimServer {
    private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);
    private static final String CONTROL_PREFIX = "/sim/";

    private final Vertx vertx;
    private final SimOptions options;
    private final HttpServer http;
    private final SimStats stats;
    private final List<SimProtocol> protocols = List.of(new OpenAiProtocol(), new AnthropicProtocol(), new GeminiProtocol(),
            new LmStudioProtocol(), new OllamaProtocol(), new dev.junction.sim.search.SearchProtocol());
    private final ControlEndpoints control;

    private SimServer(Vertx vertx, SimOptions options, HttpServer http) {
        this.vertx = vertx;
        this.options = options;
        this.http = http;
        this.stats = new SimStats(options.recordLimit());
        this.control = new ControlEndpoints(stats);
    }

    /** Binds and starts serving; the future completes once the port is open. */
    public static Future<SimServer> start(Vertx vertx, SimOptions options) {
        HttpServer http = vertx.createHttpServer(new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setTcpNoDelay(true)
                // curl sends "Expect: 100-continue" for larger bodies and would stall a second without this.
                .setHandle100ContinueAutomatically(true));
        var sim = new SimServer(vertx, options, http);
        http.requestHandler(sim::handle);
        return http.listen().map(bound -> {
            LOG.debug("sim listening on {}", sim.baseUrl());
            return sim;
        });
    }

    /** The bound port (the actual one when the options asked for 0). */
    public int port() {
        return http.actualPort();
    }

    /** e.g. {@code http://127.0.0.1:PORT/v1}: what an OpenAI client takes as its base URL. */
    public String baseUrl() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/v1";
    }

    public SimStats stats() {
        return stats;
    }

    public SimOptions options() {
        return options;
    }

    /** Stops listening and closes open connections (in-flight exchanges are recorded as cancelled). */
    public Future<Void> close() {
        return http.close();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.startsWith(CONTROL_PREFIX)) {
            control.handle(request);
            return;
        }
        LiveRecord record = stats.open(request.method().name(), path, Headers.redacted(request.headers()),
                Headers.bearerAuthorized(options.requiredApiKey(), request.headers()));
        var exchange = new Exchange(vertx, options, request, record);
        Optional<SimProtocol.Endpoint> endpoint = protocols.stream()
                .flatMap(protocol -> protocol.endpoint(request.method(), path).stream())
                .findFirst();
        request.body().onComplete(body -> {
            if (body.failed()) {
                exchange.bodyFailed(body.cause());
                return;
            }
            exchange.body(body.result());
            try {
                endpoint.orElse(OpenAiErrors::notFound).handle(exchange);
            } catch (RuntimeException e) {
                LOG.error("sim failed on {} {}", request.method(), path, e);
                OpenAiErrors.internalError(exchange, e);
            }
        });
    }
}
