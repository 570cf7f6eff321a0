package dev.junction.store;

import java.time.Instant;

/**
 * One change to a key or a team resource: who made it ({@code actor}, the provisioning key's hash, or
 * {@code cli}), what ({@code action} on {@code resourceType}/{@code resourceId}, with the fields it set as JSON in
 * {@code detailsJson} — never a secret) and when.
 *
 * @param id the entry's place in the log, 0 before it is written
 */
public record AuditEntry(long id, String accountId, String actor, String action, String resourceType, String resourceId,
                         String detailsJson, Instant createdAt) {}
