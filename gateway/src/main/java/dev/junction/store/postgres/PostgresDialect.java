package dev.junction.store.postgres;

import dev.junction.store.jdbc.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL's differences: SQLSTATE 23505, a synchronous commit as the durability barrier, real batches. */
final class PostgresDialect implements Dialect {
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /**
     * A commit at {@code synchronous_commit = on} waits for its WAL record to be flushed, and with it
     * every earlier commit's (the WAL is sequential); set per transaction because a server may run
     * with it off, where ordinary commits can be lost to a server crash.
     */
    @Override
    public void durably(Connection connection, SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("SET LOCAL synchronous_commit = on");
            }
            work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public boolean runsOnTheCallingThread() {
        return false;
    }
}
