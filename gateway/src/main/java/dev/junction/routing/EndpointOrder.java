package dev.junction.routing;

import dev.junction.wire.ProviderPreferences;
import dev.junction.catalog.Endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * Orders a model's eligible endpoints, as OpenRouter documents: endpoints named in
 * {@code provider.order} first, in that order; then, unless fallbacks are disabled, the rest — sorted
 * when a sort is requested, otherwise load-balanced by weighted random choice with weights inversely
 * proportional to the square of the price. Endpoints with a recent outage always come after the
 * healthy ones. Pure apart from the random generator and health figures it is given.
 */
final class EndpointOrder {
    private final EndpointHealth health;

    EndpointOrder(EndpointHealth health) {
        this.health = health;
    }

    List<Endpoint> order(List<Endpoint> eligible, ProviderPreferences prefs, Optional<ProviderPreferences.Sort> sort,
                         RandomGenerator random) {
        List<Endpoint> pinned = new ArrayList<>();
        for (String name : prefs.order()) {
            for (Endpoint e : eligible) {
                if (e.isNamed(name) && !pinned.contains(e)) {
                    pinned.add(e);
                }
            }
        }
        List<Endpoint> rest = new ArrayList<>(eligible);
        rest.removeAll(pinned);
        List<Endpoint> ordered = new ArrayList<>(pinned);
        if (prefs.allowFallbacks()) {
            ordered.addAll(byDefault(rest, prefs, sort, random));
        } else if (pinned.isEmpty() && !rest.isEmpty()) {
            ordered.add(byDefault(rest, prefs, sort, random).getFirst());
        }
        return ordered;
    }

    /** Healthy endpoints sorted or load-balanced, those meeting soft latency/throughput wishes first; then the degraded. */
    List<Endpoint> byDefault(List<Endpoint> endpoints, ProviderPreferences prefs, Optional<ProviderPreferences.Sort> sort,
                             RandomGenerator random) {
        List<Endpoint> healthy = new ArrayList<>();
        List<Endpoint> degraded = new ArrayList<>();
        for (Endpoint e : endpoints) {
            (health.recentOutage(e) ? degraded : healthy).add(e);
        }
        List<Endpoint> ordered = sort.isPresent() ? sorted(healthy, sort.get()) : loadBalanced(healthy, random);
        ordered = meetingPreferredPerformance(ordered, prefs);
        degraded.sort(Comparator.comparingLong(health::lastFailureAt));
        ordered.addAll(degraded);
        return ordered;
    }

    List<Endpoint> sorted(List<Endpoint> endpoints, ProviderPreferences.Sort sort) {
        List<Endpoint> copy = new ArrayList<>(endpoints);
        copy.sort(switch (sort) {
            case PRICE -> Comparator.comparingLong(EndpointOrder::blendedPrice);
            case THROUGHPUT -> Comparator.comparingDouble(e -> -orWorst(health.throughputP50(e), 0));
            case LATENCY -> Comparator.comparingDouble(e -> orWorst(health.latencyP50(e), Double.MAX_VALUE));
            case EXACTO -> ExactoRanking.comparator(health);
        });
        return copy;
    }

    /**
     * Weighted random order without replacement (Efraimidis–Spirakis): each endpoint draws
     * {@code u^(1/w)} with {@code w = 1/price²} and the highest draws go first. Free endpoints come
     * before paid ones, in random order among themselves.
     */
    static List<Endpoint> loadBalanced(List<Endpoint> endpoints, RandomGenerator random) {
        record Draw(Endpoint endpoint, boolean free, double key) {}
        List<Draw> draws = new ArrayList<>();
        for (Endpoint e : endpoints) {
            long price = blendedPrice(e);
            double u = random.nextDouble();
            if (price <= 0) {
                draws.add(new Draw(e, true, u));
            } else {
                double perMillion = price / 1_000_000.0; // pico-dollars per token → micro-dollars; any scale works
                double weight = 1.0 / (perMillion * perMillion);
                draws.add(new Draw(e, false, Math.log(u) / weight));
            }
        }
        draws.sort(Comparator.comparing(Draw::free).reversed().thenComparing(Comparator.comparingDouble(Draw::key).reversed()));
        return new ArrayList<>(draws.stream().map(Draw::endpoint).toList());
    }

    private List<Endpoint> meetingPreferredPerformance(List<Endpoint> endpoints, ProviderPreferences prefs) {
        if (prefs.preferredMaxLatencySeconds().isEmpty() && prefs.preferredMinThroughput().isEmpty()) {
            return new ArrayList<>(endpoints);
        }
        List<Endpoint> meeting = new ArrayList<>();
        List<Endpoint> others = new ArrayList<>();
        for (Endpoint e : endpoints) {
            boolean fastEnough = prefs.preferredMaxLatencySeconds().isEmpty()
                    || health.latencyP50(e).isEmpty()
                    || health.latencyP50(e).getAsDouble() <= prefs.preferredMaxLatencySeconds().getAsDouble() * 1000;
            boolean quickEnough = prefs.preferredMinThroughput().isEmpty()
                    || health.throughputP50(e).isEmpty()
                    || health.throughputP50(e).getAsDouble() >= prefs.preferredMinThroughput().getAsDouble();
            (fastEnough && quickEnough ? meeting : others).add(e);
        }
        meeting.addAll(others);
        return meeting;
    }

    /** Prompt plus completion price per token, in pico-dollars: the price OpenRouter balances and sorts by. */
    static long blendedPrice(Endpoint e) {
        return e.pricing().prompt().picos() + e.pricing().completion().picos();
    }

    private static double orWorst(OptionalDouble value, double worst) {
        return value.isPresent() ? value.getAsDouble() : worst;
    }
}
