package dev.junction.bench.jmh;

import dev.junction.catalog.CatalogHolder;
import dev.junction.config.JunctionConfig;
import dev.junction.routing.AutoRouter;
import dev.junction.routing.EndpointHealth;
import dev.junction.wire.ProviderPreferences;
import dev.junction.routing.RoutePlan;
import dev.junction.routing.Router;
import dev.junction.routing.RoutingRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.time.InstantSource;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

/** Route resolution: requested model ids → ordered attempts, as the completion handler asks for it. */
@State(Scope.Benchmark)
public class RouterBench {
    private final JunctionConfig config = Fixtures.config();
    private final Router router = new Router(new CatalogHolder(Fixtures.catalog()),
            new EndpointHealth(InstantSource.system(), config.routing()), new AutoRouter(config.autoRouter()));
    private final RoutingRequest one = request(List.of("bench/fast"));
    private final RoutingRequest withFallback = request(List.of("bench/fast", "bench/other"));
    private final SplittableRandom random = new SplittableRandom(7);

    private static RoutingRequest request(List<String> models) {
        return new RoutingRequest(models, ProviderPreferences.DEFAULT, Set.of("max_tokens", "temperature"), 19,
                OptionalInt.of(64), Set.of(), false);
    }

    @Benchmark
    public RoutePlan oneModel() {
        return router.plan(one, random);
    }

    @Benchmark
    public RoutePlan withFallbackModel() {
        return router.plan(withFallback, random);
    }
}
