package dev.junction.routing;

import dev.junction.catalog.Endpoint;
import dev.junction.config.RoutingConfig;
import dev.junction.providers.UpstreamFailure;

import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Health of every endpoint, from real traffic: rolling time to first token, throughput, error rate,
 * uptime and the quality of the tool calls it produced. Routing tries endpoints with a recent outage last and sorts by these figures; the endpoints
 * listing shows them. Rate limits and the caller's own mistakes are not outages.
 */
public final class EndpointHealth {
    private final ConcurrentHashMap<String, EndpointStats> stats = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final long outageWindowMillis;
    private final long statsWindowMillis;

    public EndpointHealth(InstantSource clock, RoutingConfig config) {
        this.clock = clock;
        this.outageWindowMillis = config.outageWindow().toMillis();
        this.statsWindowMillis = config.statsWindow().toMillis();
    }

    /** The endpoint committed: its first event came {@code ttftMillis} after the attempt started. */
    public void recordFirstToken(Endpoint endpoint, long ttftMillis) {
        of(endpoint).success(clock.millis(), ttftMillis);
    }

    /** A finished generation's output speed. */
    public void recordThroughput(Endpoint endpoint, long completionTokens, long generationMillis) {
        if (completionTokens > 0 && generationMillis > 0) {
            of(endpoint).throughput(clock.millis(), completionTokens * 1000.0 / generationMillis);
        }
    }

    public void recordFailure(Endpoint endpoint, UpstreamFailure failure) {
        if (countsAsOutage(failure)) {
            of(endpoint).failure(clock.millis());
        }
    }

    /** Tool calls a served generation produced, checked against the request's tools (what {@code :exacto} ranks by). */
    public void recordToolCalls(Endpoint endpoint, int valid, int invalid) {
        if (valid + invalid > 0) {
            of(endpoint).toolCalls(clock.millis(), valid, invalid);
        }
    }

    /** The tool calls checked over the last day: {valid, invalid}. */
    public ToolCallRecord toolCallRecord(Endpoint endpoint) {
        EndpointStats s = stats.get(endpoint.key());
        if (s == null) {
            return ToolCallRecord.NONE;
        }
        long[] counts = s.toolCalls(clock.millis(), 24 * 60);
        return new ToolCallRecord(counts[0], counts[1]);
    }

    /** Tool calls an endpoint produced over the last day, and how many were well-formed and matched their tool. */
    public record ToolCallRecord(long valid, long invalid) {
        static final ToolCallRecord NONE = new ToolCallRecord(0, 0);
    }

    public boolean recentOutage(Endpoint endpoint) {
        EndpointStats s = stats.get(endpoint.key());
        return s != null && s.recentOutage(clock.millis(), outageWindowMillis);
    }

    /** When the endpoint last failed (epoch millis), or {@code Long.MIN_VALUE}. */
    public long lastFailureAt(Endpoint endpoint) {
        EndpointStats s = stats.get(endpoint.key());
        return s == null ? Long.MIN_VALUE : s.lastFailureAt();
    }

    public Snapshot snapshot(Endpoint endpoint) {
        EndpointStats s = stats.get(endpoint.key());
        if (s == null) {
            return Snapshot.EMPTY;
        }
        long now = clock.millis();
        return new Snapshot(s.latency(now, statsWindowMillis), s.throughput(now, statsWindowMillis),
                s.uptime(now, 5), s.uptime(now, 30), s.uptime(now, 24 * 60), s.recentOutage(now, outageWindowMillis));
    }

    /** p50 time to first token in ms, or empty without data. */
    public OptionalDouble latencyP50(Endpoint endpoint) {
        return snapshot(endpoint).latency().map(p -> OptionalDouble.of(p.p50())).orElse(OptionalDouble.empty());
    }

    /** p50 tokens per second, or empty without data. */
    public OptionalDouble throughputP50(Endpoint endpoint) {
        return snapshot(endpoint).throughput().map(p -> OptionalDouble.of(p.p50())).orElse(OptionalDouble.empty());
    }

    private EndpointStats of(Endpoint endpoint) {
        return stats.computeIfAbsent(endpoint.key(), k -> new EndpointStats());
    }

    private static boolean countsAsOutage(UpstreamFailure failure) {
        return failure.verdict().outage();
    }

    /** What the endpoints listing shows. Uptimes are percentages. */
    public record Snapshot(Optional<Percentiles> latency, Optional<Percentiles> throughput, OptionalDouble uptime5m,
                           OptionalDouble uptime30m, OptionalDouble uptime1d, boolean recentOutage) {
        static final Snapshot EMPTY = new Snapshot(Optional.empty(), Optional.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), false);
    }
}
