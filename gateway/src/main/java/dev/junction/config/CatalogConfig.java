package dev.junction.config;

import java.time.Duration;

/**
 * Where the model catalog comes from besides the {@code models:} section.
 *
 * @param bundled          include Junction's bundled catalog of widely used hosted models and their providers
 * @param refreshInterval  how often discovered model lists are re-read and the config file re-checked; 0 = never
 *                         (discovery still runs once at start)
 * @param discoveryTimeout longest wait for one model-listing request to a provider
 */
public record CatalogConfig(boolean bundled, Duration refreshInterval, Duration discoveryTimeout) {}
