package dev.junction.store;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The databases every storage test runs against: SQLite always, PostgreSQL when
 * {@value #POSTGRES_URL_VARIABLE} names one (CI sets it). Without it the PostgreSQL variants are
 * reported as skipped, with the reason, never as passed.
 */
public enum Backend {
    SQLITE("SQLite") {
        @Override
        public TestDatabase create(Path dir) {
            return new TestDatabase.Sqlite(dir);
        }
    },
    POSTGRESQL("PostgreSQL") {
        @Override
        public TestDatabase create(Path dir) {
            return TestDatabase.Postgres.createSchema(postgresUrl());
        }
    };

    public static final String POSTGRES_URL_VARIABLE = "JUNCTION_TEST_POSTGRES_URL";

    private final String displayName;

    Backend(String displayName) {
        this.displayName = displayName;
    }

    /**
     * A fresh, empty database of this kind for one test: for SQLite a file in {@code dir}, for
     * PostgreSQL a new schema of its own (dropped by {@link TestDatabase#close()}), since CI and other
     * developers share the server. Aborts the test (skipped, saying why) when PostgreSQL is not configured.
     */
    public abstract TestDatabase create(Path dir);

    /** The server's base JDBC URL; aborts the calling test with the reason when there is none. */
    public static String postgresUrl() {
        Optional<String> url = Optional.ofNullable(System.getenv(POSTGRES_URL_VARIABLE)).filter(u -> !u.isBlank());
        Assumptions.assumeTrue(url.isPresent(), () -> "PostgreSQL variant skipped: " + POSTGRES_URL_VARIABLE
                + " is not set (CI sets it; locally e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
        return url.orElseThrow();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
