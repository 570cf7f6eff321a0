package dev.junction.catalog.discovery;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What one catalog refresh did.
 *
 * @param configReloaded  the configuration file had changed and its new content is now in force
 * @param configError     the file had changed but was invalid (the ConfigException message); the previous
 *                        configuration stays in force
 * @param discoveryErrors provider id → why its model list could not be read; its previous models stay
 * @param catalogChanged  a new catalog was swapped in
 * @param models          models in the catalog now in force
 * @param routableModels  of which this many have at least one routable endpoint
 */
public record RefreshReport(
        Instant at,
        boolean configReloaded,
        Optional<String> configError,
        Map<String, String> discoveryErrors,
        boolean catalogChanged,
        int models,
        int routableModels) {}
