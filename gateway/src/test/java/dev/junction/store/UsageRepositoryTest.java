package dev.junction.store;

import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.Spending;
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
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class UsageRepositoryTest {
    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final AtomicInteger ids = new AtomicInteger();
    private TestDatabase db;
    private JdbcStore store;

    @BeforeEach
    void open() {
        db = backend.create(dir);
        store = db.open(dir, clock);
    }

    @AfterEach
    void close() throws Exception {
        StoreTesting.closeAll(store, db);
    }

    private void spend(String key, String at, long picos) {
        store.recorder().record(StoreTesting.minimal("gen-" + ids.incrementAndGet(), key, Instant.parse(at), picos));
    }

    private Spending usage(String key, String today) {
        store.recorder().flush();
        return store.usage().keyUsage(key, LocalDate.parse(today));
    }

    private static Spending totals(long total, long daily, long weekly, long monthly) {
        return new Spending(Money.ofPicos(total), Money.ofPicos(daily), Money.ofPicos(weekly), Money.ofPicos(monthly));
    }

    @Test
    void aKeyWithoutUsageHasZeroes() {
        assertThat(usage("nobody", "2026-06-01")).isEqualTo(Spending.ZERO);
    }

    @Test
    void dayWeekAndMonthStartTogetherOnAMondayThatIsTheFirst() {
        assertThat(LocalDate.parse("2026-06-01").getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        spend("k", "2026-05-31T23:59:59.999999Z", 1);   // Sunday, previous week and month
        spend("k", "2026-06-01T00:00:00Z", 10);         // Monday the first, first microsecond
        spend("k", "2026-06-01T23:59:59.999999Z", 100); // last microsecond of that day

        assertThat(usage("k", "2026-05-31")).isEqualTo(totals(111, 1, 1, 1));
        assertThat(usage("k", "2026-06-01")).isEqualTo(totals(111, 110, 110, 110));
        assertThat(usage("k", "2026-06-02")).isEqualTo(totals(111, 0, 110, 110));
    }

    @Test
    void aWeekReachesBackIntoThePreviousMonth() {
        // Thursday 2026-07-02: its week began on Monday 2026-06-29, its month on Wednesday 2026-07-01.
        spend("k", "2026-06-28T12:00:00Z", 1);    // Sunday: neither
        spend("k", "2026-06-29T00:00:00Z", 10);   // Monday: week only
        spend("k", "2026-06-30T23:59:59Z", 100);  // Tuesday: week only
        spend("k", "2026-07-01T00:00:00Z", 1000); // week and month
        spend("k", "2026-07-02T08:00:00Z", 10000); // today
        spend("k", "2026-07-06T00:00:00Z", 100000); // after "today": in the total only

        assertThat(usage("k", "2026-07-02")).isEqualTo(totals(111111, 10000, 11110, 11000));
        assertThat(usage("k", "2026-07-05")).isEqualTo(totals(111111, 0, 11110, 11000));
        assertThat(usage("k", "2026-07-06")).isEqualTo(totals(111111, 100000, 100000, 111000));
    }

    @Test
    void aMonthEndsOnItsLastDayInALeapYear() {
        spend("k", "2028-02-29T23:59:59.999999Z", 5);
        spend("k", "2028-03-01T00:00:00Z", 7);
        assertThat(usage("k", "2028-02-29")).isEqualTo(totals(12, 5, 5, 5));
        assertThat(usage("k", "2028-03-01")).isEqualTo(totals(12, 7, 12, 7)); // Wednesday: week from Mon 02-28
    }

    @Test
    void keysAreCountedApartAndAccountsSumTheirKeys() {
        spend("k1", "2026-06-01T10:00:00Z", 3);
        spend("k2", "2026-06-01T11:00:00Z", 4);
        store.recorder().record(StoreTesting.generation("gen-x", "k3", "acct-2", "m/model", "e",
                Instant.parse("2026-06-01T12:00:00Z"), 50, 1, 1, 0));

        assertThat(usage("k1", "2026-06-01")).isEqualTo(totals(3, 3, 3, 3));
        assertThat(usage("k2", "2026-06-01")).isEqualTo(totals(4, 4, 4, 4));
        assertThat(store.usage().accountUsage("default", LocalDate.parse("2026-06-01"))).isEqualTo(totals(7, 7, 7, 7));
        assertThat(store.usage().accountUsage("acct-2", LocalDate.parse("2026-06-02"))).isEqualTo(totals(50, 0, 50, 50));
        assertThat(store.usage().accountUsage("nobody", LocalDate.parse("2026-06-02"))).isEqualTo(Spending.ZERO);
    }

    @Test
    void creditsAddUpPerAccount() throws Exception {
        assertThat(store.usage().totalCredits("default")).isEqualTo(Money.ZERO);
        store.usage().grantCredits("default", Money.ofUsd("10"), "initial");
        store.usage().grantCredits("default", Money.ofUsd("0.000000000001"), "one pico");
        store.usage().grantCredits("acct-2", Money.ofUsd("3"), "other");

        assertThat(store.usage().totalCredits("default")).isEqualTo(Money.ofUsd("10.000000000001"));
        assertThat(store.usage().totalCredits("acct-2")).isEqualTo(Money.ofUsd("3"));
        try (var c = db.connect()) {
            assertThat(StoreTesting.rows(c, "SELECT note, created_at FROM credit_grants ORDER BY id", 2))
                    .extracting(r -> r.get(0)).containsExactly("initial", "one pico", "other");
            assertThat(StoreTesting.rows(c, "SELECT DISTINCT created_at FROM credit_grants", 1))
                    .containsExactly(java.util.List.of(String.valueOf(clock.instant().getEpochSecond() * 1_000_000)));
        }
    }

    @Test
    void activityGroupsByDayModelProviderAndEndpointWithinTheDates() {
        Instant day1 = Instant.parse("2026-06-01T01:00:00Z");
        Instant day2 = Instant.parse("2026-06-02T23:00:00Z");
        var rec = store.recorder();
        rec.record(StoreTesting.generation("g1", "k1", "default", "a/one", "p|one", day1, 100, 10, 20, 5));
        rec.record(StoreTesting.generation("g2", "k2", "default", "a/one", "p|one", day1.plusSeconds(60), 50, 1, 2, 3));
        rec.record(StoreTesting.generation("g3", "k1", "default", "a/one", "q|one", day1, 7, 1, 1, 0));
        rec.record(StoreTesting.generation("g4", "k1", "default", "b/two", "p|two", day2, 9, 4, 4, 4));
        rec.record(StoreTesting.generation("g5", "k1", "acct-2", "a/one", "p|one", day1, 1000, 1, 1, 1));
        rec.record(StoreTesting.generation("g6", "k1", "default", "a/one", "p|one", Instant.parse("2026-06-03T00:00:00Z"), 1, 1, 1, 1));
        rec.flush();

        assertThat(store.usage().activity("default", LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-02")))
                .containsExactly(
                        new ActivityRow(LocalDate.parse("2026-06-02"), "b/two", "Provider", "p|two", Money.ofPicos(9), 1, 4, 4, 4),
                        new ActivityRow(LocalDate.parse("2026-06-01"), "a/one", "Provider", "p|one", Money.ofPicos(150), 2, 11, 22, 8),
                        new ActivityRow(LocalDate.parse("2026-06-01"), "a/one", "Provider", "q|one", Money.ofPicos(7), 1, 1, 1, 0));
        assertThat(store.usage().activity("default", LocalDate.parse("2026-06-02"), LocalDate.parse("2026-06-02")))
                .extracting(ActivityRow::model).containsExactly("b/two");
        assertThat(store.usage().activity("default", LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-31"))).isEmpty();
    }

    @Test
    void activityGroupedByAppOrSessionSplitsEachRow() {
        Instant day = Instant.parse("2026-06-01T01:00:00Z");
        var rec = store.recorder();
        rec.record(attributed(StoreTesting.generation("a1", "k1", "default", "a/one", "p|one", day, 100, 10, 20, 5),
                "https://a.example", "App A", "s1"));
        rec.record(attributed(StoreTesting.generation("a2", "k1", "default", "a/one", "p|one", day.plusSeconds(5), 50, 1, 2, 3),
                "https://a.example", "App A", "s2"));
        rec.record(attributed(StoreTesting.generation("b1", "k1", "default", "a/one", "p|one", day.plusSeconds(9), 7, 1, 1, 0),
                "https://b.example", "App B", "s1"));
        rec.record(StoreTesting.generation("n1", "k1", "default", "a/one", "p|one", day.plusSeconds(20), 3, 1, 1, 1));
        rec.record(attributed(StoreTesting.generation("x1", "k1", "acct-2", "a/one", "p|one", day, 1000, 1, 1, 1),
                "https://a.example", "App A", "s1"));
        rec.flush();
        LocalDate date = LocalDate.parse("2026-06-01");

        assertThat(store.usage().activity("default", date, date, ActivityRow.Grouping.APP)).containsExactlyInAnyOrder(
                new ActivityRow(date, "a/one", "Provider", "p|one", Money.ofPicos(150), 2, 11, 22, 8,
                        Optional.of("https://a.example"), Optional.of("App A"), Optional.empty()),
                new ActivityRow(date, "a/one", "Provider", "p|one", Money.ofPicos(7), 1, 1, 1, 0,
                        Optional.of("https://b.example"), Optional.of("App B"), Optional.empty()),
                new ActivityRow(date, "a/one", "Provider", "p|one", Money.ofPicos(3), 1, 1, 1, 1,
                        Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(store.usage().activity("default", date, date, ActivityRow.Grouping.SESSION)).containsExactlyInAnyOrder(
                new ActivityRow(date, "a/one", "Provider", "p|one", Money.ofPicos(107), 2, 11, 21, 5,
                        Optional.empty(), Optional.empty(), Optional.of("s1")),
                new ActivityRow(date, "a/one", "Provider", "p|one", Money.ofPicos(50), 1, 1, 2, 3,
                        Optional.empty(), Optional.empty(), Optional.of("s2")),
                new ActivityRow(date, "a/one", "Provider", "p|one", Money.ofPicos(3), 1, 1, 1, 1,
                        Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(store.usage().activity("default", date.plusDays(1), date.plusDays(1), ActivityRow.Grouping.APP)).isEmpty();
    }

    private static GenerationRecord attributed(GenerationRecord g, String referer, String title, String session) {
        return new GenerationRecord(g.id(), g.keyHash(), g.accountId(), g.model(), g.providerName(), g.endpointId(),
                g.upstreamId(), g.createdAt(), g.streamed(), g.cancelled(), g.finishReason(), g.nativeFinishReason(),
                g.usage(), g.cost(), g.latencyMillis(), g.generationMillis(), g.externalUser(), Optional.of(referer),
                Optional.of(title), g.userAgent(), g.attempts(), g.mediaInPrompt(), Optional.of(session), Optional.empty(),
                Money.ZERO);
    }
}
