package dev.junction.teams;

import java.time.Instant;
import java.util.Optional;

/** A named policy over the requests of the keys assigned to it. */
public record Guardrail(String id, String accountId, Optional<String> workspaceId, String name, GuardrailPolicy policy,
                        Instant createdAt, Optional<Instant> updatedAt) {}
