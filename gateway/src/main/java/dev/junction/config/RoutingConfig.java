package dev.junction.config;

import java.time.Duration;

/**
 * How endpoints are chosen.
 *
 * @param outageWindow   an endpoint that failed within this window counts as having a recent outage
 *                       and is tried after the healthy ones
 * @param statsWindow    how far back latency, throughput and uptime figures look
 */
public record RoutingConfig(Duration outageWindow, Duration statsWindow) {}
