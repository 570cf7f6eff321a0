package dev.junction.observability;

import dev.junction.catalog.CatalogHolder;
import dev.junction.catalog.discovery.CatalogRefresher;
import dev.junction.catalog.discovery.RefreshReport;
import dev.junction.cluster.SharedRedis;
import dev.junction.store.UsageRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * The meters of what requests lean on: the catalog and its refreshes, the usage journal and the database writes
 * behind it, and Redis in cluster mode. Each reads what its service already counts; nothing here is on a request's
 * path.
 */
final class ServiceMeters {
    private ServiceMeters() {}

    static void catalog(Metrics metrics, CatalogHolder catalogs, CatalogRefresher refresher) {
        MeterRegistry registry = metrics.registry();
        Counter ok = refreshes(registry, "ok");
        Counter configError = refreshes(registry, "config_error");
        Counter discoveryError = refreshes(registry, "discovery_error");
        Counter changed = Counter.builder("junction.catalog.changes")
                .description("Catalog refreshes that swapped in a new catalog").register(registry);
        refresher.onRefresh(report -> {
            outcome(report, ok, configError, discoveryError).increment();
            if (report.catalogChanged()) {
                changed.increment();
            }
        });
        Gauge.builder("junction.catalog.models", catalogs, c -> c.current().models().size())
                .description("Models in the catalog in force").register(registry);
        Gauge.builder("junction.catalog.routable.models", catalogs,
                        c -> c.current().models().stream().filter(m -> !m.routableEndpoints().isEmpty()).count())
                .description("Models with at least one routable endpoint").register(registry);
    }

    private static Counter refreshes(MeterRegistry registry, String result) {
        return Counter.builder("junction.catalog.refreshes")
                .description("Catalog refreshes (config re-read and discovery), by result")
                .tag("result", result).register(registry);
    }

    private static Counter outcome(RefreshReport report, Counter ok, Counter configError, Counter discoveryError) {
        if (report.configError().isPresent()) {
            return configError;
        }
        return report.discoveryErrors().isEmpty() ? ok : discoveryError;
    }

    static void journal(Metrics metrics, UsageRecorder recorder) {
        Gauge.builder("junction.usage.journal.depth", recorder, UsageRecorder::depth)
                .description("Usage records journaled but not yet committed to the database").register(metrics.registry());
        Timer writes = metrics.latency("junction.db.write.duration",
                "How long one batch of usage records took to commit to the database").register(metrics.registry());
        recorder.onCommit(nanos -> writes.record(nanos, TimeUnit.NANOSECONDS));
    }

    static void redis(Metrics metrics, SharedRedis redis) {
        MeterRegistry registry = metrics.registry();
        FunctionCounter.builder("junction.redis.round.trips", redis, SharedRedis::roundTrips)
                .description("Commands and pipelined batches sent to Redis").register(registry);
        FunctionCounter.builder("junction.redis.outages", redis, SharedRedis::outages)
                .description("Times Redis became unreachable").register(registry);
        Gauge.builder("junction.redis.up", redis, r -> r.reachable() ? 1 : 0)
                .description("1 while Redis answers").register(registry);
    }
}
