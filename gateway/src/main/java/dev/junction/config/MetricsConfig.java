package dev.junction.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code GET /metrics}, in Prometheus' text format.
 *
 * @param enabled        whether metrics are kept and served at all
 * @param port           a separate management port serving only {@code /metrics} (0: an ephemeral one); empty:
 *                       served on the API port
 * @param host           the management port's address
 * @param bearerToken    when set, a scrape must send {@code Authorization: Bearer <token>}
 * @param maxLabelValues how many distinct models, providers and key names each get a series of their own; the
 *                       rest are counted under {@code other}
 */
public record MetricsConfig(boolean enabled, OptionalInt port, String host, Optional<String> bearerToken,
                            int maxLabelValues) {
    @Override
    public String toString() { // never the token
        return "MetricsConfig[enabled=" + enabled + ", port=" + port + ", host=" + host + ", bearerToken="
                + bearerToken.map(t -> "***") + ", maxLabelValues=" + maxLabelValues + "]";
    }
}
