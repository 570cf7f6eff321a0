package dev.junction.store;

import java.time.Instant;
import java.util.Optional;

/** One version of a preset: its configuration (a JSON object of request fields) and system prompt, never changed. */
public record StoredPresetVersion(String id, String presetId, int version, String configJson, Optional<String> systemPrompt,
                                  String creatorId, Instant createdAt) {}
