package dev.junction.store;

import dev.junction.testing.MutableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Upgrading a database that an earlier version of Junction left behind. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class MigrationTest {
    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = backend.create(dir);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        StoreTesting.closeAll(db);
    }

    @Test
    void checkpointsFromBeforeInstanceIdsAreAdoptedByTheFirstStoreToOpen() throws Exception {
        Flyway.configure().dataSource(db.url(), null, null).locations(db.migrations()).target("2").load().migrate();
        // A journal segment that was committed and retired, but whose row was not yet dropped, at version 2.
        db.update("INSERT INTO journal_checkpoints (segment, position, retired_at) VALUES ('old.seg', 4096, 1)");

        try (Store store = db.open(dir, new MutableClock(Instant.parse("2026-11-20T00:00:00Z")))) {
            assertThat(store.generations().count()).isZero();
        }

        assertThat(db.rows("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank", 1))
                .extracting(List::getFirst)
                .containsExactlyElementsOf(StoreTesting.shippedMigrations(db.migrations()))
                .startsWith("1", "2", "3", "4", "5");
        // Adopted under this data directory's id, then dropped with the other checkpoints of files that are gone.
        assertThat(db.longValue("SELECT COUNT(*) FROM journal_checkpoints")).isZero();
        String mine = InstanceId.loadOrCreate(dir).value();
        db.update("INSERT INTO journal_checkpoints (instance_id, segment, position) VALUES ('" + mine + "', 's.seg', 16)");
        db.update("INSERT INTO journal_checkpoints (instance_id, segment, position) VALUES ('other', 's.seg', 32)");
        assertThat(db.rows("SELECT instance_id, position FROM journal_checkpoints ORDER BY position", 2))
                .as("the same segment name under two instances is two rows")
                .containsExactly(List.of(mine, "16"), List.of("other", "32"));
    }
}
