package dev.junction.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A guardrail as stored: its policy is one JSON document ({@code teams.GuardrailPolicy} reads and writes it),
 * never queried by its parts.
 */
public record StoredGuardrail(
        String id,
        String accountId,
        Optional<String> workspaceId,
        String name,
        String policyJson,
        Instant createdAt,
        Optional<Instant> updatedAt) {}
