package dev.junction.store.sqlite;

import dev.junction.store.jdbc.Dialect;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** SQLite's differences: its constraint error codes, and a FULL-synchronous commit as the durability barrier. */
final class SqliteDialect implements Dialect {
    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e instanceof SQLiteException s
                && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    }

    /**
     * In WAL mode with {@code synchronous=NORMAL} a commit is safe from a process crash but is
     * fsynced only at the next WAL checkpoint; with {@code FULL} the commit fsyncs the WAL, which makes
     * every earlier commit durable as well (the WAL is sequential).
     */
    @Override
    public void durably(Connection connection, SqlWork work) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA synchronous = FULL");
            try {
                connection.setAutoCommit(false);
                try {
                    work.run(connection);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } finally {
                st.execute("PRAGMA synchronous = NORMAL");
            }
        }
    }

    @Override
    public boolean runsOnTheCallingThread() {
        return true;
    }
}
