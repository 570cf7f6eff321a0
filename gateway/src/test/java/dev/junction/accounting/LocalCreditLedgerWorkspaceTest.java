package dev.junction.accounting;

import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyKind;
import dev.junction.money.Money;
import dev.junction.store.Store;
import dev.junction.store.StoreTesting;
import dev.junction.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The single-instance ledger's workspace budgets, on a real SQLite store and a clock the test moves: held with every
 * key of the workspace, replaced at once when they change, BYOK counted only when the workspace says so, a daily
 * budget starting over at midnight UTC while a lifetime one never does.
 */
class LocalCreditLedgerWorkspaceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T23:00:00Z"));
    @TempDir
    Path dataDir;
    private Vertx vertx;
    private Store store;
    private LocalCreditLedger ledger;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        store = StoreTesting.open(dataDir, clock);
        ledger = new LocalCreditLedger(vertx, store.usage(), clock, false);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await();
        store.close();
    }

    private static ApiKey key(String hash, String workspace) {
        return new ApiKey(hash, "default", "k", "sk-…", KeyKind.STANDARD, false, Optional.empty(), Optional.empty(), false,
                Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.of(workspace));
    }

    private static ApiKey limitedKey(String hash, boolean includeByokInLimit) {
        return new ApiKey(hash, "default", "k", "sk-…", KeyKind.STANDARD, false, Optional.of(Money.ofPicos(100)),
                Optional.empty(), includeByokInLimit, Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.of("w1"));
    }

    private static <T> T join(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private void limits(Map<BudgetInterval, Money> limits, boolean includeByok) {
        join(ledger.workspaceChanged("w1", new WorkspaceLimits(limits, includeByok)));
    }

    private void refused(ApiKey key, long picos, String interval) {
        assertThatThrownBy(() -> join(ledger.hold(key, Money.ofPicos(picos))))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(InsufficientCreditsException.class)
                .hasMessageContaining("Workspace budget exceeded").hasMessageContaining("w1").hasMessageContaining(interval);
    }

    @Test
    void everyKeyOfTheWorkspaceIsHeldToItsBudgetsAndByokCountsOnlyWhenItSaysSo() {
        ApiKey first = key("k1", "w1");
        ApiKey second = key("k2", "w1");
        ApiKey elsewhere = key("k3", "w2");
        limits(Map.of(BudgetInterval.DAILY, Money.ofPicos(100), BudgetInterval.LIFETIME, Money.ofPicos(250)), false);

        Hold held = join(ledger.hold(first, Money.ofPicos(60)));
        refused(second, 41, "daily");
        join(ledger.hold(elsewhere, Money.ofPicos(1_000)));
        ledger.settle(held, Money.ofPicos(60), "g1", true);
        Hold again = join(ledger.hold(second, Money.ofPicos(100)));
        ledger.settle(again, Money.ofPicos(30), "g2", false);
        refused(first, 71, "daily");

        limits(Map.of(BudgetInterval.DAILY, Money.ofPicos(100), BudgetInterval.LIFETIME, Money.ofPicos(250)), true);
        ledger.settle(join(ledger.hold(first, Money.ofPicos(20))), Money.ofPicos(20), "g3", true);
        refused(first, 51, "daily");

        clock.advance(Duration.ofHours(2)); // past midnight UTC: the daily budget starts over, the lifetime one does not
        ledger.settle(join(ledger.hold(first, Money.ofPicos(100))), Money.ofPicos(100), "g4", false);
        limits(Map.of(BudgetInterval.LIFETIME, Money.ofPicos(250)), true);
        refused(second, 101, "lifetime");
        ledger.release(join(ledger.hold(second, Money.ofPicos(100))));
        limits(Map.of(), true);
        join(ledger.hold(second, Money.ofPicos(10_000)));
    }

    @Test
    void aKeysLimitCountsByokChargesOnlyWhenTheKeySaysSoAndTheAccountCountsThemAlways() {
        ApiKey excluding = limitedKey("k-out", false);
        ApiKey including = limitedKey("k-in", true);
        Money usageBefore = join(ledger.account("default")).usage();

        ledger.settle(join(ledger.hold(excluding, Money.ofPicos(100))), Money.ofPicos(80), "g1", true);
        ledger.settle(join(ledger.hold(including, Money.ofPicos(100))), Money.ofPicos(80), "g2", true);

        assertThat(join(ledger.spending(excluding)).total()).as("include_byok_in_limit off").isEqualTo(Money.ZERO);
        assertThat(join(ledger.limitRemaining(excluding))).contains(Money.ofPicos(100));
        assertThat(join(ledger.spending(including)).total()).isEqualTo(Money.ofPicos(80));
        assertThatThrownBy(() -> join(ledger.hold(including, Money.ofPicos(21)))).cause()
                .isInstanceOf(InsufficientCreditsException.class);
        ledger.settle(join(ledger.hold(excluding, Money.ofPicos(100))), Money.ofPicos(30), "g3", false);
        assertThat(join(ledger.spending(excluding)).total()).as("its own charges count as ever").isEqualTo(Money.ofPicos(30));
        assertThat(join(ledger.account("default")).usage().minus(usageBefore)).isEqualTo(Money.ofPicos(190));
    }
}
