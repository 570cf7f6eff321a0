package dev.junction.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.junction.store.StoreException;
import dev.junction.store.jdbc.JdbcDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.time.Duration;

/**
 * Opens an SQLite database the way Junction uses it: WAL journal (readers never block the writer),
 * {@code synchronous=NORMAL} (a commit survives a process crash; the usage journal and a durability
 * barrier cover power loss), a busy timeout for other processes such as the CLI, one writer
 * connection whose transactions take the write lock at BEGIN (IMMEDIATE: no lock upgrade that could
 * fail half-way), and a few reader connections. Migrations run first, on their own connection.
 */
public final class SqliteDatabase {
    static final String MIGRATIONS = "classpath:db/migration/sqlite";
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final int READERS = 4;

    private SqliteDatabase() {}

    public static JdbcDatabase open(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new StoreException("not an SQLite URL: " + jdbcUrl);
        }
        migrate(jdbcUrl);
        HikariDataSource writer = pool(jdbcUrl, "junction-sqlite-writer", 1, SQLiteConfig.TransactionMode.IMMEDIATE);
        try {
            HikariDataSource readers = pool(jdbcUrl, "junction-sqlite-readers", READERS,
                    SQLiteConfig.TransactionMode.DEFERRED);
            return new JdbcDatabase(new SqliteDialect(), writer, readers, () -> {
                readers.close();
                writer.close();
            });
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private static void migrate(String jdbcUrl) {
        try {
            Flyway.configure()
                    .dataSource(source(jdbcUrl, SQLiteConfig.TransactionMode.DEFERRED))
                    .locations(MIGRATIONS)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the database " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String jdbcUrl, String name, int size, SQLiteConfig.TransactionMode mode) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(source(jdbcUrl, mode));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        // A writer borrower waits for the one connection while a usage batch commits (milliseconds).
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteDataSource source(String jdbcUrl, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(mode);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(jdbcUrl);
        return source;
    }
}
