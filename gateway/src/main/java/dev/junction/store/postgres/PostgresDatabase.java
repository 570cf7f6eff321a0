package dev.junction.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.junction.store.DatabaseUrls;
import dev.junction.store.StoreException;
import dev.junction.store.jdbc.JdbcDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;

/**
 * Opens PostgreSQL, the database a cluster of gateways shares. Each process gets one small HikariCP
 * pool for reads and writes alike: PostgreSQL lets writers run side by side (row locks, not SQLite's
 * one database lock), and with several processes they do anyway. Flyway migrations run first;
 * processes starting together are serialised by Flyway's advisory lock. The schema is the URL's
 * ({@code currentSchema=}, else {@code public}); Flyway creates it if it is missing.
 */
public final class PostgresDatabase {
    static final String MIGRATIONS = "classpath:db/migration/postgresql";
    /**
     * Per process: the usage writer holds one connection for a batch at a time; the rest serve key
     * lookups on cache misses, the management API and activity reads, all short. Kept small because
     * every replica has its own pool and PostgreSQL allows 100 connections by default (12 replicas).
     */
    static final int POOL_SIZE = 8;
    /** How long a caller waits for a connection before the call fails (PostgreSQL unreachable, pool exhausted). */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private PostgresDatabase() {}

    public static JdbcDatabase open(String jdbcUrl) {
        PGSimpleDataSource source = source(jdbcUrl);
        migrate(source, jdbcUrl);
        HikariDataSource pool = pool(source, jdbcUrl);
        return new JdbcDatabase(new PostgresDialect(), pool, pool, pool::close);
    }

    private static PGSimpleDataSource source(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new StoreException("not a PostgreSQL URL: " + DatabaseUrls.redacted(jdbcUrl));
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        try {
            source.setURL(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new StoreException("malformed PostgreSQL URL " + DatabaseUrls.redacted(jdbcUrl), e);
        }
        // A rewritten batch reports no per-row update counts, and the usage batch relies on them to
        // aggregate exactly the generations it inserted; this wins over the URL's parameter.
        source.setReWriteBatchedInserts(false);
        return source;
    }

    private static void migrate(PGSimpleDataSource source, String jdbcUrl) {
        try {
            Flyway.configure()
                    .dataSource(source)
                    .locations(MIGRATIONS)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the database " + DatabaseUrls.redacted(jdbcUrl) + ": "
                    + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(PGSimpleDataSource source, String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("junction-postgres");
        config.setDataSource(source);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database " + DatabaseUrls.redacted(jdbcUrl) + ": "
                    + e.getMessage(), e);
        }
    }
}
