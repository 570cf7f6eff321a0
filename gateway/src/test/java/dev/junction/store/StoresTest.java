package dev.junction.store;

import dev.junction.money.Money;
import dev.junction.config.StorageConfig;
import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoresTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void theDefaultIsAnSqliteFileInWalModeInTheDataDirectoryWhichIsCreated() throws Exception {
        Path dataDir = dir.resolve("a/b/junction-data");
        try (Store store = Stores.open(StoreTesting.config(dataDir), clock)) {
            assertThat(store.generations().count()).isZero();
            assertThat(dataDir.resolve("journal")).isDirectory();
        }
        assertThat(dataDir.resolve("junction.db")).isRegularFile();
        assertThat(dataDir.resolve(InstanceId.FILE)).isRegularFile();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("junction.db"))) {
            assertThat(StoreTesting.rows(c, "PRAGMA journal_mode", 1)).containsExactly(List.of("wal"));
        }
    }

    @Test
    void aDatabaseUrlPutsTheDatabaseElsewhereAndTheJournalStaysInTheDataDirectory() throws Exception {
        Path db = dir.resolve("elsewhere.db");
        StorageConfig config = new StorageConfig(dir.resolve("data"), Optional.of("jdbc:sqlite:" + db),
                Duration.ofMillis(100));
        try (Store store = Stores.open(config, clock)) {
            store.recorder().record(StoreTesting.minimal("gen-1", "k", clock.instant(), 1));
            store.recorder().flush();
        }
        assertThat(dir.resolve("data/journal")).isDirectory();
        assertThat(Files.exists(dir.resolve("data/junction.db"))).isFalse();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(StoreTesting.rows(c, "SELECT id FROM generations", 1)).containsExactly(List.of("gen-1"));
        }
    }

    @Test
    void aPostgresqlUrlOpensPostgresqlAndTheJournalAndInstanceIdStayInTheDataDirectory() throws Exception {
        try (TestDatabase db = Backend.POSTGRESQL.create(dir)) {
            Path dataDir = dir.resolve("data");
            try (Store store = Stores.open(db.config(dataDir), clock)) {
                store.recorder().record(StoreTesting.minimal("gen-1", "k", clock.instant(), 1));
                store.recorder().flush();
            }
            assertThat(db.rows("SELECT id FROM generations", 1)).containsExactly(List.of("gen-1"));
            assertThat(db.rows("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank", 1))
                    .extracting(List::getFirst).containsExactlyElementsOf(StoreTesting.shippedMigrations(db.migrations()));
            assertThat(dataDir.resolve("journal")).isDirectory();
            assertThat(dataDir.resolve(InstanceId.FILE)).isRegularFile();
            assertThat(Files.exists(dataDir.resolve("junction.db"))).isFalse();
        }
    }

    /** PostgreSQL only: SQLite is one machine's database, and its first switch to WAL is not made for a crowd. */
    @Test
    void postgresqlInstancesStartingTogetherMigrateTheDatabaseOnce() throws Exception {
        try (TestDatabase db = Backend.POSTGRESQL.create(dir)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<Store>> stores = new ArrayList<>();
            for (String instance : List.of("a", "b", "c")) {
                stores.add(pool.submit(() -> {
                    start.await();
                    return Stores.open(db.config(dir.resolve(instance)), clock);
                }));
            }
            start.countDown();
            try {
                for (Future<Store> store : stores) {
                    assertThat(store.get().keys().list("default", 0, 10)).isEmpty();
                }
            } finally {
                for (Future<Store> store : stores) {
                    if (store.state() == Future.State.SUCCESS) {
                        store.resultNow().close();
                    }
                }
                pool.shutdown();
            }
            assertThat(db.rows("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank", 1))
                    .extracting(List::getFirst).containsExactlyElementsOf(StoreTesting.shippedMigrations(db.migrations()));
        }
    }

    @Test
    void anUnsupportedDatabaseIsRefusedClearlyWithoutItsPassword() {
        StorageConfig config = new StorageConfig(dir, Optional.of("jdbc:mysql://localhost/junction?user=j&password=hunter2"),
                Duration.ofMillis(100));
        assertThatThrownBy(() -> Stores.open(config, clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:mysql://localhost/junction?user=j&password=***")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnreachablePostgresqlFailsTheOpenWithoutShowingThePassword() {
        StorageConfig config = new StorageConfig(dir,
                Optional.of("jdbc:postgresql://127.0.0.1:1/junction?user=j&password=hunter2&connectTimeout=2"),
                Duration.ofMillis(100));
        assertThatThrownBy(() -> Stores.open(config, clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/junction")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> {
                    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Backend.class)
    void reopeningAMigratedDatabaseKeepsItsData(Backend backend) {
        try (TestDatabase db = backend.create(dir)) {
            try (Store store = db.open(dir, clock)) {
                store.usage().grantCredits("default", Money.ofUsd("1"), "first");
            }
            try (Store store = db.open(dir, clock)) {
                assertThat(store.usage().totalCredits("default")).isEqualTo(Money.ofUsd("1"));
            }
        }
    }

    @Test
    void theInstanceIdIsMadeOnceAndKeptPerDataDirectory() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        InstanceId a = InstanceId.loadOrCreate(dir.resolve("a"));
        assertThat(InstanceId.loadOrCreate(dir.resolve("a"))).isEqualTo(a);
        assertThat(InstanceId.loadOrCreate(dir.resolve("b"))).isNotEqualTo(a);
        assertThat(Files.readString(dir.resolve("a").resolve(InstanceId.FILE)).strip()).isEqualTo(a.value());
        try (var files = Files.list(dir.resolve("a"))) {
            assertThat(files).as("no temporary file left").containsExactly(dir.resolve("a").resolve(InstanceId.FILE));
        }

        Files.writeString(dir.resolve("b").resolve(InstanceId.FILE), "not an id!\n");
        assertThatThrownBy(() -> InstanceId.loadOrCreate(dir.resolve("b"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("instance-id is damaged");
    }

    @Test
    void urlsAreShownWithoutPasswords() {
        assertThat(DatabaseUrls.redacted("jdbc:postgresql://db:5432/junction?user=j&password=s3cret&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db:5432/junction?user=j&password=***&sslmode=require");
        assertThat(DatabaseUrls.redacted("jdbc:postgresql://db/junction?PASSWORD=s3cret&sslpassword=k3y"))
                .isEqualTo("jdbc:postgresql://db/junction?PASSWORD=***&sslpassword=***");
        assertThat(DatabaseUrls.redacted("jdbc:postgresql://j:s3cret@db/junction"))
                .isEqualTo("jdbc:postgresql://j:***@db/junction");
        assertThat(DatabaseUrls.redacted("jdbc:sqlite:/var/lib/junction/junction.db"))
                .isEqualTo("jdbc:sqlite:/var/lib/junction/junction.db");
    }
}
