package dev.junction.store;

import dev.junction.config.StorageConfig;
import dev.junction.store.jdbc.JdbcDatabase;
import dev.junction.store.jdbc.JdbcStore;
import dev.junction.store.postgres.PostgresDatabase;
import dev.junction.store.sqlite.SqliteDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * Opens the configured store: SQLite in the data directory unless {@code storage.database-url} says
 * otherwise, PostgreSQL for a cluster. Whatever the database, each process keeps its usage journal
 * and its {@link InstanceId} in its own data directory.
 */
public final class Stores {
    public static final String DATABASE_FILE = "junction.db";
    public static final String JOURNAL_DIR = "journal";

    private Stores() {}

    /**
     * Creates the data directory if needed, migrates the database, replays the usage journal left by a
     * previous process, and returns the store. Blocking: call at start, not on an event loop.
     */
    public static Store open(StorageConfig config, InstantSource clock) {
        Path dataDir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        String url = config.databaseUrl().orElse("jdbc:sqlite:" + dataDir.resolve(DATABASE_FILE));
        InstanceId instance = InstanceId.loadOrCreate(dataDir);
        JdbcDatabase database;
        if (url.startsWith("jdbc:sqlite:")) {
            database = SqliteDatabase.open(url);
        } else if (url.startsWith("jdbc:postgresql:")) {
            database = PostgresDatabase.open(url);
        } else {
            throw new StoreException("unsupported storage.database-url " + DatabaseUrls.redacted(url)
                    + " (expected jdbc:sqlite: or jdbc:postgresql:)");
        }
        return JdbcStore.open(database, instance, dataDir.resolve(JOURNAL_DIR), config.syncInterval(), clock);
    }
}
