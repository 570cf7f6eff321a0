package dev.junction.observability;

import dev.junction.generation.GenerationSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every HTTP request, counted once it is over, from the same {@link AccessRecord} as its access-log line: requests by
 * route, method, status, model, provider and key name; how long they took; and, for a generation, Junction's own
 * share of that time (the whole minus the upstreams'). The meters of each combination of labels are looked up once
 * and kept, so a request costs one map lookup and no meter lookups.
 */
public final class RequestMetrics {
    private static final RequestMetrics OFF = new RequestMetrics(null);

    private final Metrics metrics;
    private final ConcurrentHashMap<Series, Meters> meters = new ConcurrentHashMap<>();

    /** One combination of labels; {@code route} is the route's pattern, never the path a client chose. */
    private record Series(String route, String method, int status, String model, String provider, String key) {}

    private record Meters(Counter requests, Timer duration, Timer overhead) {}

    RequestMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Metrics switched off: nothing counted. */
    public static RequestMetrics off() {
        return OFF;
    }

    public void record(AccessRecord r) {
        if (metrics == null) {
            return;
        }
        String model = BoundedLabel.NONE;
        String provider = BoundedLabel.NONE;
        String key = BoundedLabel.NONE;
        GenerationSummary g = r.generation().orElse(null);
        if (g != null) {
            model = metrics.models.of(g.model());
            provider = metrics.providers.of(g.provider().orElse(null));
            key = metrics.keys.of(g.keyName());
        }
        Meters m = meters.computeIfAbsent(new Series(r.route(), r.method(), r.status(), model, provider, key), this::meters);
        m.requests.increment();
        long latency = Math.max(0, r.latencyNanos());
        m.duration.record(latency, TimeUnit.NANOSECONDS);
        if (g != null && g.upstreamNanos() > 0) {
            m.overhead.record(Math.max(0, latency - g.upstreamNanos()), TimeUnit.NANOSECONDS);
        }
    }

    private Meters meters(Series s) {
        MeterRegistry registry = metrics.registry();
        String status = Integer.toString(s.status());
        Counter requests = Counter.builder("junction.requests")
                .description("HTTP requests answered, by route, method, status, model, provider and key name")
                .tags("route", s.route(), "method", s.method(), "status", status, "model", s.model(),
                        "provider", s.provider(), "key", s.key())
                .register(registry);
        Timer duration = metrics.latency("junction.request.duration",
                        "From a request's arrival to the end of its answer (the whole stream, for a stream)")
                .tags("route", s.route(), "method", s.method(), "status", status)
                .register(registry);
        Timer overhead = metrics.latency("junction.request.overhead",
                        "Junction's own share of a generation request's time: the whole minus the upstreams' time")
                .tags("route", s.route())
                .register(registry);
        return new Meters(requests, duration, overhead);
    }
}
