package dev.junction.store;

import dev.junction.config.StorageConfig;
import dev.junction.store.jdbc.JdbcDatabase;
import dev.junction.store.jdbc.JdbcStore;
import dev.junction.store.postgres.PostgresDatabase;
import dev.junction.store.sqlite.SqliteDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** One test's database (see {@link Backend}): how a store is configured to use it, and plain SQL access to it. */
public sealed interface TestDatabase extends AutoCloseable {
    Backend backend();

    /** The JDBC URL a store opens. */
    String url();

    /** The configuration of a store with its data directory (journal, instance id) in {@code dataDir} and this database. */
    StorageConfig config(Path dataDir);

    default JdbcStore open(Path dataDir, InstantSource clock) {
        return (JdbcStore) Stores.open(config(dataDir), clock);
    }

    /** The database alone, migrated, without a store or journal around it. */
    JdbcDatabase openDatabase();

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    default List<List<String>> rows(String sql, int columns) throws SQLException {
        try (Connection c = connect()) {
            return StoreTesting.rows(c, sql, columns);
        }
    }

    default long longValue(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    default int update(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    /** Where this dialect's Flyway migrations are. */
    String migrations();

    /** SQL for the storage type of a column's value, and the name it gives an integer column. */
    String typeOf(String column);

    String integerType();

    @Override
    void close();

    /**
     * {@code junction.db} in the test's directory: the default place for a store whose data directory
     * is that directory, named by URL for a store with another data directory (two instances sharing it).
     */
    record Sqlite(Path dir) implements TestDatabase {
        @Override
        public Backend backend() {
            return Backend.SQLITE;
        }

        @Override
        public String url() {
            return "jdbc:sqlite:" + dir.toAbsolutePath().resolve(Stores.DATABASE_FILE);
        }

        @Override
        public StorageConfig config(Path dataDir) {
            Optional<String> url = dataDir.toAbsolutePath().equals(dir.toAbsolutePath()) ? Optional.empty()
                    : Optional.of(url());
            return new StorageConfig(dataDir, url, Duration.ofMillis(100));
        }

        @Override
        public JdbcDatabase openDatabase() {
            return SqliteDatabase.open(url());
        }

        @Override
        public String migrations() {
            return "classpath:db/migration/sqlite";
        }

        @Override
        public String typeOf(String column) {
            return "typeof(" + column + ")";
        }

        @Override
        public String integerType() {
            return "integer";
        }

        @Override
        public void close() {
            // the file goes with the test's temporary directory
        }
    }

    /** A schema of its own on the shared server, dropped with everything in it at close. */
    record Postgres(String baseUrl, String schema) implements TestDatabase {
        static Postgres createSchema(String baseUrl) {
            String schema = "junction_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema " + schema + " on " + baseUrl + ": "
                        + e.getMessage(), e);
            }
            return new Postgres(baseUrl, schema);
        }

        @Override
        public Backend backend() {
            return Backend.POSTGRESQL;
        }

        @Override
        public String url() {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        public StorageConfig config(Path dataDir) {
            return new StorageConfig(dataDir, Optional.of(url()), Duration.ofMillis(100));
        }

        @Override
        public JdbcDatabase openDatabase() {
            return PostgresDatabase.open(url());
        }

        @Override
        public String migrations() {
            return "classpath:db/migration/postgresql";
        }

        @Override
        public String typeOf(String column) {
            return "pg_typeof(" + column + ")::text";
        }

        @Override
        public String integerType() {
            return "bigint";
        }

        @Override
        public void close() {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
            }
        }
    }
}
