package dev.junction.store;

import dev.junction.accounting.GenerationRecord;
import dev.junction.money.Money;
import dev.junction.store.jdbc.JdbcStore;
import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What cluster mode builds exactly-once recovery on: each usage batch an instance commits carries the
 * next mark of that instance, and a budget's seed reads its figures and every instance's mark from one
 * snapshot — so a seed contains exactly the batches up to its marks, even while batches commit.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class BudgetSeedTest {
    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-20");

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

    private JdbcStore open(String instanceDir, ConcurrentLinkedQueue<Drained> batches) {
        JdbcStore store = db.open(dir.resolve(instanceDir), clock);
        opened.add(store);
        store.onDrained(batches::add);
        return store;
    }

    private String instanceId(String instanceDir) {
        return InstanceId.loadOrCreate(dir.resolve(instanceDir)).value();
    }

    private static GenerationRecord spend(String id, String key, long picos) {
        return StoreTesting.minimal(id, key, T0, picos);
    }

    @Test
    void everyCommittedBatchCarriesTheNextMarkOfItsInstanceAndWhatItInserted() {
        ConcurrentLinkedQueue<Drained> fromA = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Drained> fromB = new ConcurrentLinkedQueue<>();
        JdbcStore a = open("a", fromA);
        JdbcStore b = open("b", fromB);

        a.recorder().record(spend("g1", "k", 10));
        a.recorder().flush();
        a.recorder().record(spend("g2", "k", 20));
        a.recorder().flush();
        b.recorder().record(spend("h1", "k", 40));
        b.recorder().flush();
        a.recorder().record(spend("g1", "k", 10)); // already in the database: committed again, inserted by nobody
        a.recorder().flush();

        assertThat(fromA).extracting(Drained::instance).containsOnly(instanceId("a"));
        assertThat(fromA).extracting(Drained::mark).containsExactly(1L, 2L, 3L);
        assertThat(fromA).extracting(d -> d.generations().stream().map(GenerationRecord::id).toList())
                .containsExactly(List.of("g1"), List.of("g2"), List.of());
        assertThat(fromB).extracting(Drained::instance, Drained::mark).containsExactly(tuple(instanceId("b"), 1L));

        BudgetSeed seed = a.usage().budgetSeed(Optional.of("k"), "default", TODAY);
        assertThat(seed.key().orElseThrow().total()).isEqualTo(Money.ofPicos(70));
        assertThat(seed.key().orElseThrow().daily()).isEqualTo(Money.ofPicos(70));
        assertThat(seed.accountUsage()).isEqualTo(Money.ofPicos(70));
        assertThat(seed.drained()).isEqualTo(Map.of(instanceId("a"), 3L, instanceId("b"), 1L));
        assertThat(b.usage().budgetSeed(Optional.empty(), "default", TODAY).key()).isEmpty();
    }

    @Test
    void creditsAreReadWithTheNumberOfGrantsThatMakeThem() {
        JdbcStore a = open("a", new ConcurrentLinkedQueue<>());
        assertThat(a.usage().credits("default")).isEqualTo(new Credits(Money.ZERO, 0));
        a.usage().grantCredits("default", Money.ofUsd("5"), "first");
        a.usage().grantCredits("default", Money.ofUsd("2.5"), "second");
        assertThat(a.usage().credits("default")).isEqualTo(new Credits(Money.ofUsd("7.5"), 2));
        assertThat(a.usage().budgetSeed(Optional.empty(), "default", TODAY).credits()).isEqualTo(new Credits(Money.ofUsd("7.5"), 2));
    }

    @Test
    void instancesThatCommittedNothingForAWeekAreLeftOutOfSeeds() {
        JdbcStore a = open("a", new ConcurrentLinkedQueue<>());
        JdbcStore b = open("b", new ConcurrentLinkedQueue<>());
        a.recorder().record(spend("g1", "k", 10));
        a.recorder().flush();
        clock.advance(Duration.ofDays(8));
        b.recorder().record(spend("h1", "k", 10));
        b.recorder().flush();
        assertThat(b.usage().budgetSeed(Optional.of("k"), "default", TODAY).drained()).isEqualTo(Map.of(instanceId("b"), 1L));
    }

    /**
     * Seeds read while two instances commit batch after batch: each seed's figures are exactly the sum of
     * the batches at or below its marks — never a batch more or less.
     */
    @Test
    void aSeedHoldsExactlyTheBatchesUpToItsMarksWhileBatchesCommit() throws Exception {
        Map<String, Map<Long, Long>> costByMark = new ConcurrentHashMap<>();
        List<JdbcStore> stores = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            ConcurrentLinkedQueue<Drained> ignored = new ConcurrentLinkedQueue<>();
            JdbcStore store = open(name, ignored);
            store.onDrained(batch -> costByMark.computeIfAbsent(batch.instance(), i -> new ConcurrentHashMap<>())
                    .put(batch.mark(), batch.generations().stream().mapToLong(g -> g.cost().total().picos()).sum()));
            stores.add(store);
        }
        AtomicBoolean recording = new AtomicBoolean(true);
        List<BudgetSeed> seeds = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                JdbcStore store = stores.get(s);
                String prefix = "i" + s + "-";
                writers.add(threads.submit(() -> {
                    for (int i = 0; recording.get(); i++) {
                        store.recorder().record(spend(prefix + i, "k", i % 7 + 1));
                        if (i % 5 == 0) {
                            store.recorder().flush();
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 200; i++) {
                seeds.add(stores.get(i % 2).usage().budgetSeed(Optional.of("k"), "default", TODAY));
            }
            recording.set(false);
            for (Future<?> w : writers) {
                w.get();
            }
        }
        stores.forEach(s -> s.recorder().flush()); // every batch's listener has run once its flush returns
        assertThat(seeds.getLast().drained()).as("batches committed during the reads").isNotEmpty();
        for (BudgetSeed seed : seeds) {
            long expected = 0;
            for (var mark : seed.drained().entrySet()) {
                for (var batch : costByMark.getOrDefault(mark.getKey(), Map.of()).entrySet()) {
                    if (batch.getKey() <= mark.getValue()) {
                        expected += batch.getValue();
                    }
                }
            }
            assertThat(seed.key().orElseThrow().total().picos()).as("key usage of a seed with marks %s", seed.drained())
                    .isEqualTo(expected);
            assertThat(seed.accountUsage().picos()).isEqualTo(expected);
        }
    }
}
