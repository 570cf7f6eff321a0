package dev.junction.observability;

import dev.junction.catalog.CatalogHolder;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import dev.junction.routing.EndpointHealth;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;

/**
 * Endpoint health as routing sees it, read at each scrape: each endpoint's uptime over the last five minutes,
 * whether routing takes it for down (a recent failure: tried after the healthy ones), and its median time to first
 * token. Only endpoints that served or failed since the start have rows; models and providers go through the bounded
 * labels.
 */
final class EndpointHealthMeters {
    private EndpointHealthMeters() {}

    static void bind(Metrics metrics, CatalogHolder catalogs, EndpointHealth health) {
        MultiGauge uptime = MultiGauge.builder("junction.endpoint.uptime").baseUnit("ratio")
                .description("Share of an endpoint's calls that succeeded over the last 5 minutes, as routing counts it")
                .register(metrics.registry());
        MultiGauge down = MultiGauge.builder("junction.endpoint.down")
                .description("1 while routing takes the endpoint for down (it failed within routing.outage-window)")
                .register(metrics.registry());
        MultiGauge latency = MultiGauge.builder("junction.endpoint.first.token.p50").baseUnit("seconds")
                .description("An endpoint's median time to first token over routing.stats-window")
                .register(metrics.registry());
        metrics.beforeScrape(() -> {
            List<MultiGauge.Row<?>> uptimes = new ArrayList<>();
            List<MultiGauge.Row<?>> downs = new ArrayList<>();
            List<MultiGauge.Row<?>> latencies = new ArrayList<>();
            for (Model model : catalogs.current().models()) {
                for (Endpoint endpoint : model.endpoints()) {
                    EndpointHealth.Snapshot s = health.snapshot(endpoint);
                    if (s.uptime5m().isEmpty() && s.latency().isEmpty()) {
                        continue; // never called
                    }
                    Tags tags = Tags.of("model", metrics.models.of(model.slug()),
                            "provider", metrics.providers.of(endpoint.providerName()));
                    s.uptime5m().ifPresent(u -> uptimes.add(MultiGauge.Row.of(tags, u / 100)));
                    downs.add(MultiGauge.Row.of(tags, s.recentOutage() ? 1 : 0));
                    s.latency().ifPresent(p -> latencies.add(MultiGauge.Row.of(tags, p.p50() / 1000)));
                }
            }
            uptime.register(uptimes, true);
            down.register(downs, true);
            latency.register(latencies, true);
        });
    }
}
