package dev.junction.store;

import dev.junction.accounting.GenerationRecord;
import dev.junction.money.Money;
import dev.junction.store.jdbc.JdbcDatabase;
import dev.junction.store.jdbc.JdbcJournalSink;
import dev.junction.store.jdbc.JdbcStore;
import dev.junction.store.postgres.PostgresDatabase;
import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode: several gateway processes, each with its own data directory (journal, instance id),
 * sharing one database. Two stores in this JVM stand for two processes; on SQLite they share the file
 * through {@code storage.database-url}, on PostgreSQL a schema.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class SharedDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-11-20T23:58:00Z");
    private static final int KEYS = 5;

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private TestDatabase db;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        db = backend.create(dir);
    }

    @AfterEach
    void closeEverything() throws Exception {
        List<AutoCloseable> all = new ArrayList<>(opened.reversed());
        all.add(db);
        StoreTesting.closeAll(all.toArray(AutoCloseable[]::new));
    }

    private JdbcStore open(String instanceDir) {
        JdbcStore store = db.open(dir.resolve(instanceDir), clock);
        opened.add(store);
        return store;
    }

    /** Record i of an instance: 5 keys, 2 models, 3 minutes across midnight (two days), costing i + 1. */
    private static GenerationRecord generation(String prefix, int i) {
        return StoreTesting.generation(prefix + "-" + i, "key-" + i % KEYS, "default", "m/model-" + i % 2, "p|e",
                T0.plusSeconds(60L * (i % 3)), i + 1, 10, 20, i % 4);
    }

    private String instanceId(String instanceDir) {
        return InstanceId.loadOrCreate(dir.resolve(instanceDir)).value();
    }

    @Test
    void twoInstancesRecordingAtOnceCountEveryGenerationExactlyOnce() throws Exception {
        JdbcStore a = open("a");
        JdbcStore b = open("b");
        int threadsPerInstance = 3;
        int perThread = 1_500;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerInstance);
        List<Future<?>> done = new ArrayList<>();
        Map<String, Long> expectedByKey = new HashMap<>();
        for (String instance : List.of("a", "b")) {
            JdbcStore store = instance.equals("a") ? a : b;
            for (int t = 0; t < threadsPerInstance; t++) {
                int base = t * perThread;
                for (int i = base; i < base + perThread; i++) {
                    GenerationRecord g = generation(instance, i);
                    expectedByKey.merge(g.keyHash(), g.cost().total().picos(), Long::sum);
                }
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = base; i < base + perThread; i++) {
                        store.recorder().record(generation(instance, i));
                    }
                    return null;
                }));
            }
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        a.recorder().flush();
        b.recorder().flush();

        long n = 2L * threadsPerInstance * perThread;
        assertThat(db.longValue("SELECT COUNT(*) FROM generations")).isEqualTo(n);
        assertThat(db.longValue("SELECT SUM(requests) FROM key_usage_daily")).isEqualTo(n);
        long half = n / 2;
        assertThat(db.longValue("SELECT SUM(usage_picos) FROM key_usage_daily")).isEqualTo(half * (half + 1));
        StoreTesting.assertAggregatesMatchGenerations(db);
        for (var e : expectedByKey.entrySet()) {
            assertThat(b.usage().keyUsage(e.getKey(), LocalDate.parse("2026-11-21")).total())
                    .as("usage of %s as either instance reads it", e.getKey()).isEqualTo(Money.ofPicos(e.getValue()))
                    .isEqualTo(a.usage().keyUsage(e.getKey(), LocalDate.parse("2026-11-21")).total());
        }
        assertThat(instanceId("a")).isNotEqualTo(instanceId("b"));
        assertThat(db.rows("SELECT DISTINCT instance_id FROM journal_checkpoints", 1)).extracting(List::getFirst)
                .containsExactlyInAnyOrder(instanceId("a"), instanceId("b"));

        a.close();
        b.close();
        assertThat(segments("a")).as("a's journal drained").isEmpty();
        assertThat(segments("b")).as("b's journal drained").isEmpty();
        assertThat(db.longValue("SELECT COUNT(*) FROM journal_checkpoints")).isZero();
    }

    @Test
    void anInstanceNeverTouchesTheJournalCheckpointsOfAnother() throws Exception {
        JdbcStore a = open("a");
        for (int i = 0; i < 200; i++) {
            a.recorder().record(generation("a", i));
        }
        a.recorder().flush();
        a.abandon(); // killed: its segments and their checkpoints stay for its next start
        String checkpointsOfA = "SELECT segment, position FROM journal_checkpoints WHERE instance_id = '"
                + instanceId("a") + "' ORDER BY segment";
        List<List<String>> leftByA = db.rows(checkpointsOfA, 2);
        assertThat(leftByA).isNotEmpty();

        // b starts (and drops the checkpoints of its own segments that are gone), records and stops.
        try (JdbcStore b = db.open(dir.resolve("b"), clock)) {
            for (int i = 0; i < 100; i++) {
                b.recorder().record(generation("b", i));
            }
        }
        assertThat(db.rows(checkpointsOfA, 2)).as("a's checkpoints, untouched by b").isEqualTo(leftByA);

        try (JdbcStore again = db.open(dir.resolve("a"), clock)) {
            assertThat(again.generations().count()).isEqualTo(300);
        }
        assertThat(db.longValue("SELECT SUM(requests) FROM key_usage_daily")).isEqualTo(300);
        assertThat(db.longValue("SELECT SUM(usage_picos) FROM key_usage_daily"))
                .isEqualTo(200L * 201 / 2 + 100L * 101 / 2);
        StoreTesting.assertAggregatesMatchGenerations(db);
        assertThat(segments("a")).isEmpty();
        assertThat(db.longValue("SELECT COUNT(*) FROM journal_checkpoints")).isZero();
    }

    /**
     * Two processes' batches adding to the same totals, one listing the keys up and the other down.
     * Without one fixed order of row locks, each would come to hold rows the other waits for: a
     * deadlock, which PostgreSQL breaks by failing one of them. On PostgreSQL the test makes the
     * batches meet for certain: it locks a row in the middle, waits until both batches are blocked
     * (on that row, or on each other), then lets go. SQLite locks the whole database per transaction,
     * so there the two only take turns.
     */
    @Test
    void batchesAddingToTheSameTotalsInOppositeOrdersNeverDeadlock() throws Exception {
        int keys = 100;
        String middle = "key-" + keys / 2;
        JdbcJournalSink seed = new JdbcJournalSink(openDatabase("seed"), clock, new InstanceId("seed"));
        seed.commit(batch("seed", keys, true), Map.of());
        JdbcJournalSink up = new JdbcJournalSink(openDatabase("up"), clock, new InstanceId("up"));
        JdbcJournalSink down = new JdbcJournalSink(openDatabase("down"), clock, new InstanceId("down"));

        try (RowBlocker blocker = RowBlocker.lock(db, "key_usage_daily", "key_hash", middle)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<?> ascending = pool.submit(() -> up.commit(batch("up", keys, true), Map.of("segment-up", 100L)));
            Future<?> descending = pool.submit(() -> down.commit(batch("down", keys, false),
                    Map.of("segment-down", 100L)));
            blocker.awaitWaiting(List.of(applicationName("up"), applicationName("down")));
            blocker.release();
            ascending.get(); // a deadlock fails one of the two commits
            descending.get();
            pool.shutdown();
        }

        assertThat(db.rows("SELECT DISTINCT requests FROM key_usage_daily", 1)).containsExactly(List.of("3"));
        assertThat(db.longValue("SELECT COUNT(*) FROM key_usage_daily")).isEqualTo(keys);
        StoreTesting.assertAggregatesMatchGenerations(db);
        assertThat(up.checkpoints()).containsExactly(Map.entry("segment-up", 100L));
        assertThat(down.checkpoints()).containsExactly(Map.entry("segment-down", 100L));
    }

    /** One generation per key, listed with the keys up or down. */
    private static List<GenerationRecord> batch(String prefix, int keys, boolean ascending) {
        List<GenerationRecord> batch = new ArrayList<>(keys);
        for (int k = 0; k < keys; k++) {
            int key = ascending ? k : keys - 1 - k;
            batch.add(StoreTesting.generation(prefix + "-" + key, "key-" + key, "default", "m/model-" + key, "p|e",
                    T0, 1, 1, 1, 0));
        }
        return batch;
    }

    /** The database alone; on PostgreSQL its sessions carry a name the test can find them by. */
    private JdbcDatabase openDatabase(String name) {
        JdbcDatabase database = db instanceof TestDatabase.Postgres
                ? PostgresDatabase.open(db.url() + "&ApplicationName=" + applicationName(name))
                : db.openDatabase();
        opened.add(database.closer());
        return database;
    }

    private String applicationName(String name) {
        return db instanceof TestDatabase.Postgres pg ? pg.schema() + "-" + name : name;
    }

    private List<Path> segments(String instanceDir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(instanceDir).resolve(Stores.JOURNAL_DIR))) {
            return files.filter(p -> p.toString().endsWith(".seg")).toList();
        }
    }
}
