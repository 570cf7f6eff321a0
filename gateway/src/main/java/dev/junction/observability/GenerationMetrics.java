package dev.junction.observability;

import dev.junction.accounting.InsufficientCreditsException;
import dev.junction.cluster.ClusterUnavailableException;
import dev.junction.generation.Generation;
import dev.junction.generation.GenerationListener;
import dev.junction.generation.GenerationSummary;
import dev.junction.limits.RateLimitedException;
import dev.junction.providers.UpstreamFailure;
import dev.junction.routing.Attempt;
import dev.junction.routing.AttemptFailure;
import dev.junction.wire.ClientRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The generations' meters, kept by following each generation's life as the room's {@link GenerationListener}: tokens
 * in and out and cost by model, provider and key name; generations by outcome; time to first token and the
 * upstreams' time; fallbacks and upstream errors by kind; active streams; admissions refused by reason. Meters are
 * looked up once per combination of labels and kept; a generation's observation is one of two shared objects, so
 * following a generation allocates nothing of its own.
 */
public final class GenerationMetrics implements GenerationListener {
    private static final double PICOS_PER_USD = 1e12;

    private final Metrics metrics;
    private final MeterRegistry registry;
    private final AtomicLong activeStreams = new AtomicLong();
    private final ConcurrentHashMap<Series, Meters> served = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Failure, Counter> fallbacks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Failure, Counter> upstreamErrors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> upstreamTime = new ConcurrentHashMap<>();
    private final Counter rateLimited;
    private final Counter noCredit;
    private final Counter clusterDown;
    private final Observation whole = new Followed(false);
    private final Observation streamed = new Followed(true);

    private record Series(String model, String provider, String key, String outcome) {}

    private record Meters(Counter generations, Counter input, Counter output, Counter cost, Timer firstToken) {}

    private record Failure(String provider, String kind) {}

    GenerationMetrics(Metrics metrics) {
        this.metrics = metrics;
        this.registry = metrics.registry();
        Gauge.builder("junction.streams.active", activeStreams, AtomicLong::get)
                .description("Streams being relayed to clients right now")
                .register(registry);
        rateLimited = refusals("rate_limit");
        noCredit = refusals("credits");
        clusterDown = refusals("cluster_unavailable");
    }

    private Counter refusals(String reason) {
        return Counter.builder("junction.admission.refusals")
                .description("Requests refused before any upstream call: a rate limit (429), the credits (402), "
                        + "the cluster's Redis down (503)")
                .tag("reason", reason)
                .register(registry);
    }

    @Override
    public void refused(ClientRequest request, Throwable cause) {
        switch (cause) {
            case RateLimitedException ignored -> rateLimited.increment();
            case InsufficientCreditsException ignored -> noCredit.increment();
            case ClusterUnavailableException ignored -> clusterDown.increment();
            default -> { } // routing's 400 and 503 are counted with the requests, by status
        }
    }

    @Override
    public Observation opened(Generation generation) {
        return generation.request().stream() ? streamed : whole;
    }

    private void attemptsFailed(List<AttemptFailure> failures, boolean lastFellBack) {
        for (int i = 0; i < failures.size(); i++) {
            UpstreamFailure failure = failures.get(i).failure();
            if (failure.kind() == UpstreamFailure.Kind.CANCELLED) {
                continue; // the client's doing, not the upstream's
            }
            Failure labels = failure(failures.get(i).attempt().endpoint().providerName(), failure);
            upstreamErrors.computeIfAbsent(labels, this::upstreamErrorCounter).increment();
            if (i < failures.size() - 1 || lastFellBack) {
                fallbacks.computeIfAbsent(labels, this::fallbackCounter).increment();
            }
        }
    }

    private void finished(Generation generation, Optional<UpstreamFailure> midStream) {
        GenerationSummary g = generation.summary();
        Series series = new Series(metrics.models.of(g.model()), metrics.providers.of(g.provider().orElse(null)),
                metrics.keys.of(g.keyName()), g.outcome().wireName());
        Meters m = served.computeIfAbsent(series, this::meters);
        m.generations.increment();
        m.input.increment(g.promptTokens());
        m.output.increment(g.completionTokens());
        m.cost.increment(g.cost().picos() / PICOS_PER_USD);
        if (g.stream() && g.firstTokenNanos() > 0) {
            m.firstToken.record(g.firstTokenNanos(), TimeUnit.NANOSECONDS);
        }
        if (g.upstreamNanos() > 0) {
            upstreamTime.computeIfAbsent(series.provider(), this::upstreamTimer).record(g.upstreamNanos(), TimeUnit.NANOSECONDS);
        }
        midStream.filter(f -> f.kind() != UpstreamFailure.Kind.CANCELLED).ifPresent(f ->
                upstreamErrors.computeIfAbsent(failure(f.providerName(), f), this::upstreamErrorCounter).increment());
    }

    private Failure failure(String provider, UpstreamFailure failure) {
        return new Failure(metrics.providers.of(provider), failure.kind().name().toLowerCase(Locale.ROOT));
    }

    private Meters meters(Series s) {
        String[] tags = {"model", s.model(), "provider", s.provider(), "key", s.key()};
        return new Meters(
                Counter.builder("junction.generations").description("Generations finished, by outcome")
                        .tags(tags).tag("outcome", s.outcome()).register(registry),
                Counter.builder("junction.tokens").description("Tokens billed, by direction")
                        .tags(tags).tag("direction", "input").register(registry),
                Counter.builder("junction.tokens").description("Tokens billed, by direction")
                        .tags(tags).tag("direction", "output").register(registry),
                Counter.builder("junction.cost").baseUnit("usd").description("What generations were billed, in USD")
                        .tags(tags).register(registry),
                metrics.latency("junction.time.to.first.token",
                                "From a streamed generation's admission to its first token")
                        .tags("model", s.model(), "provider", s.provider()).register(registry));
    }

    private Timer upstreamTimer(String provider) {
        return metrics.latency("junction.upstream.duration",
                        "From a generation's first upstream call to the end of its answer: the upstreams' share")
                .tag("provider", provider).register(registry);
    }

    private Counter upstreamErrorCounter(Failure f) {
        return Counter.builder("junction.upstream.errors")
                .description("Upstream calls that failed, by provider and kind (before or after the commit point)")
                .tags("provider", f.provider(), "kind", f.kind()).register(registry);
    }

    private Counter fallbackCounter(Failure f) {
        return Counter.builder("junction.fallbacks")
                .description("Attempts that failed and were followed by the next endpoint, by provider and kind")
                .tags("provider", f.provider(), "kind", f.kind()).register(registry);
    }

    /** The observation of every generation: whether it streams is all it remembers. */
    private final class Followed implements Observation {
        private final boolean stream;

        Followed(boolean stream) {
            this.stream = stream;
        }

        @Override
        public void attemptsFailed(List<AttemptFailure> failures, boolean lastFellBack) {
            GenerationMetrics.this.attemptsFailed(failures, lastFellBack);
        }

        @Override
        public void committed(Attempt attempt) {
            if (stream) {
                activeStreams.incrementAndGet();
            }
        }

        @Override
        public void finished(Generation generation, Optional<UpstreamFailure> midStream) {
            if (stream && generation.committedAttempt().isPresent()) {
                activeStreams.decrementAndGet();
            }
            GenerationMetrics.this.finished(generation, midStream);
        }
    }
}
