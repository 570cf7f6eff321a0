package dev.junction.observability;

import dev.junction.config.MetricsConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's one meter registry, in Prometheus' format, with the JVM's own meters bound to it, and the bounded
 * labels every Junction meter goes through. {@link #scrape} is what {@code GET /metrics} answers.
 */
public final class Metrics implements AutoCloseable {
    /** Prometheus' text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * The buckets of every latency histogram, from a fast non-streamed answer to a long stream: a dozen, rather
     * than the seventy of a percentile histogram, so that each series stays cheap to keep and to scrape.
     */
    static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final List<Runnable> beforeScrape = new ArrayList<>();
    final BoundedLabel models;
    final BoundedLabel providers;
    final BoundedLabel keys;

    public Metrics(MetricsConfig config) {
        models = new BoundedLabel(config.maxLabelValues());
        providers = new BoundedLabel(config.maxLabelValues());
        keys = new BoundedLabel(config.maxLabelValues());
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Work to do just before each scrape: meters whose rows are read from elsewhere refresh them. */
    public synchronized void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /** Every meter in Prometheus' text format. */
    public String scrape() {
        List<Runnable> refreshes;
        synchronized (this) {
            refreshes = List.copyOf(beforeScrape);
        }
        refreshes.forEach(Runnable::run);
        return registry.scrape();
    }

    /** A latency histogram with {@link #LATENCY_BUCKETS}. */
    Timer.Builder latency(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS);
    }

    @Override
    public void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception ignored) {
                // closing a GC listener cannot fail in a way worth reporting on the way out
            }
        }
        registry.close();
    }
}
