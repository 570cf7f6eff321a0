package dev.junction.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A preset as stored: named by its {@code slug} within its account, with the version requests use.
 *
 * @param status            {@code active}, {@code disabled} or {@code archived}
 * @param designatedVersion the number of the version requests use
 * @param createdBy         the hash of the provisioning key that created it
 */
public record StoredPreset(String id, String accountId, String slug, String name, Optional<String> description,
                           String status, Optional<Integer> designatedVersion, Optional<String> createdBy, Instant createdAt,
                           Instant updatedAt, Optional<Instant> statusUpdatedAt) {}
