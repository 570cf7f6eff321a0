package dev.junction.store;

import java.time.Instant;
import java.util.Optional;

/** A key governed by a guardrail: who assigned it (a provisioning key's hash, if known) and when. */
public record GuardrailAssignment(String guardrailId, String keyHash, Optional<String> assignedBy, Instant createdAt) {}
