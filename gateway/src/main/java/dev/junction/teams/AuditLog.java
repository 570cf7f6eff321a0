package dev.junction.teams;

import dev.junction.keys.ApiKey;
import dev.junction.store.AuditEntry;
import dev.junction.store.AuditRepository;
import dev.junction.wire.Json;
import tools.jackson.databind.node.ObjectNode;

import java.time.InstantSource;
import java.util.List;
import java.util.OptionalLong;

/**
 * Writes who changed what and when, for keys and team resources. An entry is written after the change it records
 * succeeded, on the same worker thread; the details are the fields the change set, never a secret. Blocking.
 */
public final class AuditLog {
    private final AuditRepository repository;
    private final InstantSource clock;

    public AuditLog(AuditRepository repository, InstantSource clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * @param actor        the provisioning key that made the change
     * @param action       {@code create}, {@code update}, {@code delete}, {@code assign_keys}, …
     * @param resourceType {@code key}, {@code guardrail}, …
     */
    public void record(ApiKey actor, String action, String resourceType, String resourceId, ObjectNode details) {
        repository.append(new AuditEntry(0, actor.accountId(), actor.hash(), action, resourceType, resourceId,
                Json.text(details), clock.instant()));
    }

    public List<AuditEntry> list(String accountId, OptionalLong before, int limit) {
        return repository.list(accountId, before, limit);
    }
}
