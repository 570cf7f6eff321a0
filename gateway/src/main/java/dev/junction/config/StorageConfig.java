package dev.junction.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where Junction keeps keys, credits and generation records.
 *
 * @param dataDir        directory for the SQLite database and the usage journal
 * @param databaseUrl    a JDBC URL; empty = SQLite at {@code <data-dir>/junction.db}
 * @param syncInterval   how often the usage journal is forced to disk; a process kill never loses a
 *                       record, a power loss at most this much
 */
public record StorageConfig(Path dataDir, Optional<String> databaseUrl, Duration syncInterval) {}
