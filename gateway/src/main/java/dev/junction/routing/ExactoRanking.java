package dev.junction.routing;

import dev.junction.catalog.Endpoint;

import java.util.Comparator;

/**
 * The order of {@code :exacto} and {@code provider.sort: "exacto"}: endpoints with the best measured tool-calling
 * record first. Junction checks every tool call a served generation produces against the request's tools (a known
 * function, arguments that are a JSON object matching the function's parameter schema), per endpoint over the last
 * day, and ranks by, in turn:
 * <ol>
 *   <li>tool-call success, {@code (valid + 1) / (valid + invalid + 2)}: an endpoint without calls yet scores ½, and
 *       one the operator tagged {@code exacto} starts as if its first two calls had been good,
 *       {@code (valid + 2) / (valid + invalid + 2)}, so measurement soon outweighs the tag;</li>
 *   <li>uptime over the day (errors that count as outages), an endpoint without traffic counting as up;</li>
 *   <li>p50 time to first token, an endpoint without figures last.</li>
 * </ol>
 */
final class ExactoRanking {
    private ExactoRanking() {}

    static Comparator<Endpoint> comparator(EndpointHealth health) {
        return Comparator.<Endpoint>comparingDouble(e -> -toolCallScore(e, health.toolCallRecord(e)))
                .thenComparingDouble(e -> -health.snapshot(e).uptime1d().orElse(100))
                .thenComparingDouble(e -> health.latencyP50(e).orElse(Double.MAX_VALUE));
    }

    static double toolCallScore(Endpoint endpoint, EndpointHealth.ToolCallRecord record) {
        long prior = endpoint.variants().contains("exacto") ? 2 : 1;
        return (record.valid() + prior) / (double) (record.valid() + record.invalid() + 2);
    }
}
