package dev.junction.config;

import java.time.Duration;
import java.util.List;

/**
 * The limits on every URL Junction fetches itself (a search backend, a document by URL).
 *
 * @param allow    address ranges (CIDR, e.g. {@code 127.0.0.0/8}, or one address) that may be fetched although they
 *                 are loopback, private, link-local or otherwise internal; empty in production, the loopback range
 *                 for the demo and the tests, whose sims listen there
 * @param timeout  the most a fetch may take, from the DNS look-up to the last byte
 * @param maxBytes the largest body read; a larger one is refused, not truncated
 */
public record FetchConfig(List<String> allow, Duration timeout, long maxBytes) {
    public static final FetchConfig DEFAULT = new FetchConfig(List.of(), Duration.ofSeconds(10), 5L * 1024 * 1024);
}
