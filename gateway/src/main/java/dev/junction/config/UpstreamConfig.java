package dev.junction.config;

import java.time.Duration;

/**
 * How Junction talks to upstream providers.
 *
 * @param connectTimeout         to establish a connection
 * @param firstByteTimeout       from sending the request to the first byte of the response (a
 *                               non-streaming answer from a reasoning model can take minutes)
 * @param idleTimeout            the longest silence allowed once the response has started
 * @param maxConnectionsPerHost  pooled connections per upstream host, per event loop
 */
public record UpstreamConfig(
        Duration connectTimeout,
        Duration firstByteTimeout,
        Duration idleTimeout,
        int maxConnectionsPerHost) {}
