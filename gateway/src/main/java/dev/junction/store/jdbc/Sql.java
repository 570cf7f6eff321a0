package dev.junction.store.jdbc;

import dev.junction.store.DuplicateKeyException;
import dev.junction.store.StoreException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.sql.SQLException;

/** Runs JDBI work and turns its exceptions into {@link StoreException}s saying what was being done. */
final class Sql {
    private final Jdbi jdbi;
    private final Dialect dialect;

    Sql(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    <T> T with(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            if (e.getCause() instanceof SQLException sql && dialect.isUniqueViolation(sql)) {
                throw new DuplicateKeyException("cannot " + what + ": it exists already", e);
            }
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    <T> T inTransaction(String what, HandleCallback<T, RuntimeException> work) {
        return with(what, h -> h.inTransaction(work));
    }
}
