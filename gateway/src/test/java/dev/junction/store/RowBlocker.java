package dev.junction.store;

import dev.junction.testing.Poll;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Holds a row lock in an open transaction so that concurrent PostgreSQL transactions queue up behind
 * it at a known point; on SQLite it does nothing (there is no row lock to hold).
 */
final class RowBlocker implements AutoCloseable {
    private final Connection connection;

    private RowBlocker(Connection connection) {
        this.connection = connection;
    }

    static RowBlocker lock(TestDatabase db, String table, String column, String value) throws SQLException {
        if (!(db instanceof TestDatabase.Postgres)) {
            return new RowBlocker(null);
        }
        Connection c = db.connect();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM " + table + " WHERE " + column + " = ? FOR UPDATE")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row " + column + " = " + value + " in " + table + " to lock");
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return new RowBlocker(c);
    }

    /**
     * Returns once a session of each of the given application names waits for a lock (behind this
     * blocker or behind one another); fails after a generous while.
     */
    void awaitWaiting(List<String> applicationNames) throws SQLException {
        if (connection == null) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT COUNT(DISTINCT application_name) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND application_name = ANY (?)""")) {
            ps.setArray(1, connection.createArrayOf("text", applicationNames.toArray()));
            Poll.until(applicationNames + " all waiting for a lock", () -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == applicationNames.size();
                }
            });
        }
    }

    /** Ends the blocking transaction: the waiting ones proceed. */
    void release() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            connection.rollback();
            connection.close();
        }
    }

    @Override
    public void close() throws SQLException {
        release();
    }
}
