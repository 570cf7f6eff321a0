package dev.junction.store.jdbc;

import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;

/**
 * An open database: where writes go and where reads go. SQLite has one database lock, so every write
 * of a process goes through its one writer connection, and reads through a small pool; PostgreSQL
 * locks rows and serves several processes anyway, so one pool serves both.
 *
 * @param writer   SQLite: a pool of exactly one connection; PostgreSQL: the pool
 * @param readers  SQLite: a few read connections; PostgreSQL: the same pool
 * @param closer   closes the pools
 */
public record JdbcDatabase(Dialect dialect, DataSource writer, DataSource readers, AutoCloseable closer) {
    public Jdbi writeJdbi() {
        return Jdbi.create(writer);
    }

    public Jdbi readJdbi() {
        return Jdbi.create(readers);
    }
}
