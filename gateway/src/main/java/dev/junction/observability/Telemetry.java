package dev.junction.observability;

import dev.junction.catalog.CatalogHolder;
import dev.junction.catalog.discovery.CatalogRefresher;
import dev.junction.cluster.SharedRedis;
import dev.junction.config.JunctionConfig;
import dev.junction.routing.EndpointHealth;
import dev.junction.store.UsageRecorder;
import io.vertx.core.Vertx;
import dev.junction.generation.GenerationListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway tells operators besides its logs, made once at start: the metrics (on unless switched off) and
 * what follows requests and generations to keep them.
 */
public final class Telemetry implements AutoCloseable {
    private final Optional<Metrics> metrics;
    private final RequestMetrics requests;
    private final GenerationListener generations;
    private final List<AutoCloseable> closers = new ArrayList<>();

    private final Optional<Tracing> tracing;

    private Telemetry(Optional<Metrics> metrics, RequestMetrics requests, GenerationListener generations,
                      Optional<Tracing> tracing) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.requests = requests;
        this.generations = generations;
    }

    public static Telemetry start(JunctionConfig config) {
        List<GenerationListener> listeners = new ArrayList<>();
        Optional<Metrics> metrics = Optional.empty();
        RequestMetrics requests = RequestMetrics.off();
        if (config.metrics().enabled()) {
            Metrics m = new Metrics(config.metrics());
            metrics = Optional.of(m);
            requests = new RequestMetrics(m);
            listeners.add(new GenerationMetrics(m));
        }
        Optional<Tracing> tracing = Optional.empty();
        if (config.tracing().enabled()) {
            Tracing t = Tracing.start(config.tracing());
            tracing = Optional.of(t);
            listeners.add(new GenerationTracing(t.tracer(), config.tracing().captureContent()));
        }
        return new Telemetry(metrics, requests, GenerationListener.all(listeners), tracing);
    }

    /** Meters of what requests lean on: the event loops, endpoint health, the catalog, the journal, Redis. */
    public void watch(Vertx vertx, CatalogHolder catalogs, EndpointHealth health, CatalogRefresher refresher,
                      UsageRecorder recorder, Optional<SharedRedis> redis) {
        metrics.ifPresent(m -> {
            closers.add(EventLoopMeters.bind(m, vertx));
            EndpointHealthMeters.bind(m, catalogs, health);
            ServiceMeters.catalog(m, catalogs, refresher);
            ServiceMeters.journal(m, recorder);
            redis.ifPresent(r -> ServiceMeters.redis(m, r));
        });
    }

    /** The registry {@code /metrics} serves; empty when metrics are switched off. */
    public Optional<Metrics> metrics() {
        return metrics;
    }

    /** What counts each HTTP request once it is over. */
    public RequestMetrics requests() {
        return requests;
    }

    /** What follows every generation: the room's listener. */
    public GenerationListener generations() {
        return generations;
    }

    @Override
    public void close() {
        for (AutoCloseable closer : closers) {
            try {
                closer.close();
            } catch (Exception ignored) {
                // a probe thread that will not stop is a daemon: it ends with the process
            }
        }
        metrics.ifPresent(Metrics::close);
        tracing.ifPresent(Tracing::close);
    }
}
