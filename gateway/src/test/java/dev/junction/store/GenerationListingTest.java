package dev.junction.store;

import dev.junction.accounting.Cost;
import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.TokenUsage;
import dev.junction.money.Money;
import dev.junction.store.GenerationQuery.Outcome;
import dev.junction.store.UsageSeriesQuery.Bucket;
import dev.junction.store.UsageSeriesQuery.Split;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generations listing and the usage series, read from the database: filters, pages that neither skip nor repeat a
 * generation (same-microsecond ties included), and the same selection as {@link GenerationQuery#matches} makes in
 * memory.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class GenerationListingTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00.123456Z");

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private TestDatabase db;
    private JdbcStore store;
    private final List<GenerationRecord> all = new ArrayList<>();

    @BeforeEach
    void open() {
        db = backend.create(dir);
        store = db.open(dir, new MutableClock(T0));
        // Nine generations over two days: two keys, two models, an error, a cancellation, and a tie in time.
        add("gen-a1", "ka", "acme/a", T0, false, Optional.of("stop"), 100);
        add("gen-a2", "ka", "acme/a", T0.plusSeconds(60), false, Optional.of("error"), 200);
        add("gen-a3", "ka", "acme/b", T0.plusSeconds(120), true, Optional.empty(), 300);
        add("gen-b1", "kb", "acme/b", T0.plusSeconds(180), false, Optional.of("length"), 400);
        add("gen-b2", "kb", "acme/a", T0.plusSeconds(180), false, Optional.of("stop"), 500); // same microsecond as b1
        add("gen-b3", "kb", "acme/a", T0.plus(Duration.ofDays(1)), false, Optional.of("stop"), 600);
        add("gen-b4", "kb", "acme/b", T0.plus(Duration.ofDays(1)).plusSeconds(3600), false, Optional.of("stop"), 700);
        add("gen-x1", "kx", "acme/a", T0.plusSeconds(30), false, Optional.of("stop"), 800, "other-account");
        add("gen-a4", "ka", "acme/a", T0.plus(Duration.ofDays(1)).plusSeconds(7200), false, Optional.of("stop"), 900);
        store.recorder().flush();
    }

    @AfterEach
    void close() throws Exception {
        StoreTesting.closeAll(store, db);
    }

    private void add(String id, String key, String model, Instant at, boolean cancelled, Optional<String> finish, long picos) {
        add(id, key, model, at, cancelled, finish, picos, "default");
    }

    private void add(String id, String key, String model, Instant at, boolean cancelled, Optional<String> finish,
                     long picos, String account) {
        GenerationRecord g = new GenerationRecord(id, key, account, model, model.endsWith("a") ? "Alpha" : "Beta",
                "p|" + model, Optional.empty(), at, true, cancelled, finish, Optional.empty(),
                new TokenUsage(10, 5, 0, 0, 1, false), new Cost(Money.ofPicos(picos), Money.ZERO, Money.ZERO), 5, 7,
                Optional.empty(), Optional.of("https://app.example"), Optional.of(model.endsWith("a") ? "App A" : "App B"),
                Optional.empty(), List.of(), 0);
        all.add(g);
        store.recorder().record(g);
    }

    private static GenerationQuery query(Optional<String> key, Optional<String> model, Optional<Outcome> outcome,
                                         Optional<Boolean> cancelled, Optional<GenerationQuery.Cursor> after, int limit) {
        return new GenerationQuery("default", key, model, Optional.empty(), outcome, cancelled, Optional.empty(),
                Optional.empty(), after, limit);
    }

    private static List<String> ids(List<GenerationRecord> page) {
        return page.stream().map(GenerationRecord::id).toList();
    }

    /** What the in-memory filter selects from the same records: the database must agree. */
    private List<String> expected(GenerationQuery q) {
        return ids(all.stream().filter(q::matches).sorted(GenerationQuery.NEWEST_FIRST).limit(q.limit()).toList());
    }

    @Test
    void pagesWalkTheAccountNewestFirstWithoutSkippingOrRepeating() {
        List<String> seen = new ArrayList<>();
        Optional<GenerationQuery.Cursor> after = Optional.empty();
        for (int pages = 0; pages < 10; pages++) {
            GenerationQuery q = query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), after, 3);
            List<GenerationRecord> page = store.generations().list(q);
            assertThat(ids(page)).isEqualTo(expected(q));
            if (page.isEmpty()) {
                break;
            }
            seen.addAll(ids(page));
            after = Optional.of(GenerationQuery.Cursor.of(page.getLast()));
        }
        assertThat(seen).containsExactly("gen-a4", "gen-b4", "gen-b3", "gen-b2", "gen-b1", "gen-a3", "gen-a2", "gen-a1");
    }

    @Test
    void filtersByKeyModelOutcomeCancellationAndTime() {
        List<GenerationQuery> queries = List.of(
                query(Optional.of("ka"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50),
                query(Optional.empty(), Optional.of("acme/b"), Optional.empty(), Optional.empty(), Optional.empty(), 50),
                query(Optional.empty(), Optional.empty(), Optional.of(Outcome.ERROR), Optional.empty(), Optional.empty(), 50),
                query(Optional.empty(), Optional.empty(), Optional.of(Outcome.SUCCESS), Optional.of(false), Optional.empty(), 50),
                query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true), Optional.empty(), 50),
                new GenerationQuery("default", Optional.empty(), Optional.empty(), Optional.of("Beta"), Optional.empty(),
                        Optional.empty(), Optional.of(T0.plusSeconds(100)), Optional.of(T0.plus(Duration.ofDays(1))),
                        Optional.empty(), 50));
        for (GenerationQuery q : queries) {
            assertThat(ids(store.generations().list(q))).as(q.toString()).isEqualTo(expected(q)).isNotEmpty();
        }
        assertThat(ids(store.generations().list(queries.get(2)))).containsExactly("gen-a2");
        assertThat(ids(store.generations().list(queries.get(4)))).containsExactly("gen-a3");
    }

    @Test
    void theUsageSeriesSumsEachDayAndHourByGroup() {
        Instant dayStart = Instant.parse("2026-11-20T00:00:00Z");
        List<UsageBucket> byDayAndModel = store.usage().usageSeries(new UsageSeriesQuery("default", Optional.empty(),
                dayStart, dayStart.plus(Duration.ofDays(2)), Bucket.DAY, Split.MODEL));
        assertThat(byDayAndModel).extracting(b -> b.start().toString() + " " + b.group().orElseThrow() + " "
                        + b.requests() + " " + b.usage().picos() + " " + b.promptTokens())
                .containsExactly(
                        "2026-11-20T00:00:00Z acme/a 3 800 30",
                        "2026-11-20T00:00:00Z acme/b 2 700 20",
                        "2026-11-21T00:00:00Z acme/a 2 1500 20",
                        "2026-11-21T00:00:00Z acme/b 1 700 10");
        List<UsageBucket> hoursOfOneKey = store.usage().usageSeries(new UsageSeriesQuery("default", Optional.of("kb"),
                dayStart.plus(Duration.ofDays(1)), dayStart.plus(Duration.ofDays(2)), Bucket.HOUR, Split.KEY));
        assertThat(hoursOfOneKey).extracting(b -> b.start().toString() + " " + b.group().orElseThrow() + " " + b.requests())
                .containsExactly("2026-11-21T10:00:00Z kb 1", "2026-11-21T11:00:00Z kb 1");
        List<UsageBucket> byApp = store.usage().usageSeries(new UsageSeriesQuery("default", Optional.empty(),
                dayStart, dayStart.plus(Duration.ofDays(1)), Bucket.DAY, Split.APP));
        assertThat(byApp).extracting(b -> b.appTitle().orElseThrow() + " " + b.requests())
                .containsExactlyInAnyOrder("App A 3", "App B 2");
    }
}
