package dev.junction.observability;

import dev.junction.config.JunctionConfig;
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

    private Telemetry(Optional<Metrics> metrics, RequestMetrics requests, GenerationListener generations) {
        this.metrics = metrics;
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
        return new Telemetry(metrics, requests, GenerationListener.all(listeners));
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
        metrics.ifPresent(Metrics::close);
    }
}
