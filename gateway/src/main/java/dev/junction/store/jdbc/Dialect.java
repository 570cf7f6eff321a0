package dev.junction.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the databases behind the shared JDBC repositories. The SQL itself is kept
 * portable (ON CONFLICT upserts, DELETE … RETURNING, INTEGER money, epoch-microsecond instants, ISO
 * day strings), so this stays small.
 */
public interface Dialect {
    /** Whether the failure is a primary key or unique constraint violation. */
    boolean isUniqueViolation(SQLException e);

    /**
     * Runs the work in a transaction on {@code connection} whose commit makes every earlier commit
     * survive a power loss, not only a crash (SQLite at {@code synchronous=NORMAL} syncs its WAL
     * only at checkpoints).
     */
    void durably(Connection connection, SqlWork work) throws SQLException;

    /**
     * Whether the database does its work on the calling thread (SQLite, a library in the process) rather than in a
     * server of its own (PostgreSQL, a round trip per statement or batch).
     */
    boolean runsOnTheCallingThread();

    @FunctionalInterface
    interface SqlWork {
        void run(Connection connection) throws SQLException;
    }
}
