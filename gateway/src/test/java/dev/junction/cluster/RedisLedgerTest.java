package dev.junction.cluster;

import dev.junction.accounting.Hold;
import dev.junction.accounting.InsufficientCreditsException;
import dev.junction.accounting.LocalCreditLedger;
import dev.junction.money.Money;
import dev.junction.accounting.Spending;
import dev.junction.config.ClusterConfig;
import dev.junction.config.ClusterConfig.OnOutage;
import dev.junction.config.StorageConfig;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyKind;
import dev.junction.keys.KeyService;
import dev.junction.keys.KeyStamps;
import dev.junction.keys.LimitReset;
import dev.junction.keys.StaticKeys;
import dev.junction.limits.LocalRateLimiter;
import dev.junction.limits.RateLimitedException;
import dev.junction.limits.RateRule;
import dev.junction.store.Store;
import dev.junction.store.Stores;
import dev.junction.testing.MutableClock;
import dev.junction.testing.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two ledgers standing for two instances share one Redis: holds race a key's limit and a rate limit
 * across both exactly; a stopped instance's holds are reclaimed; an unreachable Redis fails closed or
 * open as configured. Runs when {@code JUNCTION_TEST_REDIS_URL} names a Redis server.
 */
class RedisLedgerTest {
    private static final String REDIS = System.getenv("JUNCTION_TEST_REDIS_URL");
    private static final Money CENT = Money.ofUsd("0.01");

    @TempDir
    Path dataDir;
    private final String prefix = "junction-test:" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<RedisLedger, SharedRedis> shared = new HashMap<>();
    private Vertx vertx;
    private Store store;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        store = Stores.open(new StorageConfig(dataDir, Optional.empty(), Duration.ofMillis(100)), InstantSource.system());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        vertx.close().await();
        store.close();
    }

    private RedisLedger ledger(String url, OnOutage onOutage, Duration instanceTtl) {
        return ledger(url, onOutage, instanceTtl, false);
    }

    private RedisLedger ledger(String url, OnOutage onOutage, Duration instanceTtl, boolean enforceBalance) {
        return ledger(url, onOutage, instanceTtl, enforceBalance, InstantSource.system());
    }

    private RedisLedger ledger(String url, OnOutage onOutage, Duration instanceTtl, boolean enforceBalance,
                               InstantSource clock) {
        ClusterConfig config = new ClusterConfig(Optional.of(url), onOutage, Duration.ofSeconds(5), instanceTtl, prefix);
        SharedRedis redis = SharedRedis.connect(vertx, config);
        open.add(redis);
        RedisLedger ledger = new RedisLedger(vertx, redis, keys(KeyStamps.NONE), store.usage(), clock,
                enforceBalance, new LocalCreditLedger(vertx, store.usage(), clock, enforceBalance),
                new LocalRateLimiter(clock));
        open.add(ledger);
        shared.put(ledger, redis);
        return ledger;
    }

    private KeyService keys(KeyStamps stamps) {
        return new KeyService(store.keys(), new StaticKeys(List.of()), vertx, InstantSource.system(), stamps);
    }

    private RedisLedger ledger() {
        assumeTrue(REDIS != null, "JUNCTION_TEST_REDIS_URL is not set: no Redis to share");
        return ledger(REDIS, OnOutage.FAIL_CLOSED, Duration.ofSeconds(15));
    }

    private static ApiKey key(Optional<Money> limit) {
        return new ApiKey("hash-" + UUID.randomUUID(), "acct-" + UUID.randomUUID(), "racer", "sk-…", KeyKind.STANDARD, false,
                limit, Optional.empty(), false, Instant.now(), Optional.empty(), Optional.empty());
    }

    private static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Every future, each either its value or null for a failure of the given type (any other failure fails the test). */
    private static <T> List<T> settleAll(List<Future<T>> futures, Class<? extends Throwable> expected) {
        await(Future.join(futures).otherwiseEmpty()); // wait for every one, failed or not
        List<T> values = new ArrayList<>();
        for (Future<T> f : futures) {
            if (f.succeeded()) {
                values.add(f.result());
            } else {
                assertThat(f.cause()).isInstanceOf(expected);
                values.add(null);
            }
        }
        return values;
    }

    @Test
    void holdsFromTwoInstancesNeverTogetherPassTheKeysLimit() {
        RedisLedger a = ledger();
        RedisLedger b = ledger();
        ApiKey key = key(Optional.of(Money.ofUsd("0.25")));
        List<Future<Hold>> holds = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            holds.add((i % 2 == 0 ? a : b).hold(key, CENT));
        }
        List<Hold> results = settleAll(holds, InsufficientCreditsException.class);
        List<Hold> granted = results.stream().filter(h -> h != null).toList();
        assertThat(granted).hasSize(25); // exactly what fits: 25 cents of holds in a 25-cent limit

        // Settling at a fifth of the worst case frees the rest for new requests, on either instance.
        for (Hold h : granted) {
            (h.id().startsWith(a.instance()) ? a : b).settle(h, Money.ofUsd("0.002"), "gen-" + h.id());
        }
        Spending spent = Poll.until("the other instance seeing $0.05 spent", () -> await(b.spending(key)),
                s -> s.total().equals(Money.ofUsd("0.05")));
        assertThat(spent.daily()).isEqualTo(Money.ofUsd("0.05"));
        assertThat(await(a.limitRemaining(key))).contains(Money.ofUsd("0.2"));
        List<Hold> more = settleAll(List.of(a.hold(key, Money.ofUsd("0.15")), b.hold(key, Money.ofUsd("0.1"))),
                InsufficientCreditsException.class);
        assertThat(more).filteredOn(h -> h != null).hasSize(1);
    }

    @Test
    void aDailyLimitStartsAgainEachDayWhileTheWeekAndTheMonthKeepCounting() {
        assumeTrue(REDIS != null, "JUNCTION_TEST_REDIS_URL is not set: no Redis to share");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-04T12:00:00Z")); // a Wednesday
        RedisLedger a = ledger(REDIS, OnOutage.FAIL_CLOSED, Duration.ofSeconds(15), false, clock);
        RedisLedger b = ledger(REDIS, OnOutage.FAIL_CLOSED, Duration.ofSeconds(15), false, clock);
        ApiKey key = new ApiKey("hash-" + UUID.randomUUID(), "acct-" + UUID.randomUUID(), "daily", "sk-…", KeyKind.STANDARD,
                false, Optional.of(Money.ofUsd("0.10")), Optional.of(LimitReset.DAILY), false, Instant.now(), Optional.empty(),
                Optional.empty());

        a.settle(await(a.hold(key, Money.ofUsd("0.08"))), Money.ofUsd("0.08"), "gen-wed-" + UUID.randomUUID());
        Poll.until("the other instance seeing Wednesday's charge", () -> await(b.spending(key)),
                s -> s.total().equals(Money.ofUsd("0.08")));
        assertThat(settleAll(List.of(b.hold(key, Money.ofUsd("0.05"))), InsufficientCreditsException.class))
                .as("2 cents left today").containsOnlyNulls();

        clock.advance(Duration.ofDays(1)); // Thursday: a new day, the same week and month
        assertThat(await(b.limitRemaining(key))).contains(Money.ofUsd("0.10"));
        b.settle(await(b.hold(key, Money.ofUsd("0.05"))), Money.ofUsd("0.05"), "gen-thu-" + UUID.randomUUID());
        Poll.until("Thursday's charge counted", () -> await(a.spending(key)),
                s -> s.equals(new Spending(Money.ofUsd("0.13"), Money.ofUsd("0.05"), Money.ofUsd("0.13"), Money.ofUsd("0.13"))));

        clock.advance(Duration.ofDays(4)); // Monday: a new day and a new week, the same month
        a.settle(await(a.hold(key, Money.ofUsd("0.10"))), Money.ofUsd("0.10"), "gen-mon-" + UUID.randomUUID());
        Poll.until("Monday's charge counted", () -> await(b.spending(key)),
                s -> s.equals(new Spending(Money.ofUsd("0.23"), Money.ofUsd("0.10"), Money.ofUsd("0.10"), Money.ofUsd("0.23"))));
        assertThat(await(b.limitRemaining(key))).contains(Money.ZERO);
    }

    @Test
    void aByokChargeCountsTowardTheKeysLimitOnlyWhenTheKeySaysSo() {
        RedisLedger a = ledger();
        RedisLedger b = ledger();
        ApiKey excluding = key(Optional.of(Money.ofUsd("0.10")));
        ApiKey including = new ApiKey("hash-" + UUID.randomUUID(), excluding.accountId(), "racer", "sk-…", KeyKind.STANDARD,
                false, Optional.of(Money.ofUsd("0.10")), Optional.empty(), true, Instant.now(), Optional.empty(), Optional.empty());

        a.settle(await(a.hold(excluding, CENT)), Money.ofUsd("0.008"), "gen-out-" + UUID.randomUUID(), true);
        a.settle(await(a.hold(including, CENT)), Money.ofUsd("0.008"), "gen-in-" + UUID.randomUUID(), true);
        b.settle(await(b.hold(excluding, CENT)), Money.ofUsd("0.003"), "gen-own-" + UUID.randomUUID(), false);

        Poll.until("the other instance seeing the settled charges",
                () -> await(b.account(excluding.accountId())).usage(), u -> u.equals(Money.ofUsd("0.019")));
        assertThat(await(b.spending(including)).total()).isEqualTo(Money.ofUsd("0.008"));
        assertThat(await(a.spending(excluding)).total()).as("include_byok_in_limit off: only its own charge")
                .isEqualTo(Money.ofUsd("0.003"));
        assertThat(await(a.limitRemaining(excluding))).contains(Money.ofUsd("0.097"));
    }

    @Test
    void aRateLimitIsExactAcrossInstances() {
        RedisLedger a = ledger();
        RedisLedger b = ledger();
        ApiKey key = key(Optional.empty());
        RateRule tenPerMinute = new RateRule("key:" + key.hash(), "this key", 10, Duration.ofMinutes(1));
        List<Future<Hold>> admissions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            admissions.add((i % 2 == 0 ? a : b).admit(key, List.of(tenPerMinute), Money.ZERO));
        }
        List<Hold> results = settleAll(admissions, RateLimitedException.class);
        assertThat(results).filteredOn(h -> h != null).hasSize(10);
        RateLimitedException refused = (RateLimitedException) admissions.stream().filter(Future::failed).findFirst().orElseThrow().cause();
        assertThat(refused.retryAfterMicros()).isBetween(1L, 6_000_000L);
    }

    /** Rate limits here run on Redis's clock: an hour-long interval cannot refill while a test runs. */
    private static RateRule threePerHour(ApiKey key) {
        return new RateRule("key:" + key.hash(), "this key", 3, Duration.ofHours(1));
    }

    /** Admits {@code rules} with {@code worstCase} once more than the allowance: exactly {@code allowed} go, the rest get 429. */
    private static void exactlyAdmitted(int allowed, RedisLedger a, RedisLedger b, ApiKey key, List<RateRule> rules, Money worstCase) {
        for (int i = 0; i < allowed; i++) {
            await((i % 2 == 0 ? a : b).admit(key, rules, worstCase));
        }
        assertThatThrownBy(() -> await(a.admit(key, rules, worstCase))).hasCauseInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> await(b.admit(key, rules, worstCase))).hasCauseInstanceOf(RateLimitedException.class);
    }

    @Test
    void requestsRefusedOverTheKeysLimitCountAgainstNoRateLimit() {
        RedisLedger a = ledger();
        RedisLedger b = ledger();
        ApiKey key = key(Optional.of(Money.ofUsd("0.05")));
        List<RateRule> rules = List.of(threePerHour(key));
        for (int i = 0; i < 10; i++) {
            RedisLedger either = i % 2 == 0 ? a : b;
            assertThatThrownBy(() -> await(either.admit(key, rules, Money.ofUsd("0.10"))))
                    .hasCauseInstanceOf(InsufficientCreditsException.class);
        }
        exactlyAdmitted(3, a, b, key, rules, CENT);
    }

    @Test
    void requestsRefusedForWantOfCreditsCountAgainstNoRateLimit() {
        assumeTrue(REDIS != null, "JUNCTION_TEST_REDIS_URL is not set: no Redis to share");
        RedisLedger a = ledger(REDIS, OnOutage.FAIL_CLOSED, Duration.ofSeconds(15), true);
        RedisLedger b = ledger(REDIS, OnOutage.FAIL_CLOSED, Duration.ofSeconds(15), true);
        ApiKey key = key(Optional.empty());
        List<RateRule> rules = List.of(threePerHour(key));
        for (int i = 0; i < 10; i++) {
            RedisLedger either = i % 2 == 0 ? a : b;
            assertThatThrownBy(() -> await(either.admit(key, rules, CENT)))
                    .hasCauseInstanceOf(InsufficientCreditsException.class);
        }
        store.usage().grantCredits(key.accountId(), Money.ofUsd("1"), "test");
        await(a.granted(key.accountId(), Money.ofUsd("1")));
        Poll.until("the other instance seeing $1 of credits", () -> await(b.account(key.accountId())).credits(),
                c -> c.equals(Money.ofUsd("1")));
        exactlyAdmitted(3, a, b, key, rules, CENT);
    }

    @Test
    void aRequestRefusedByOneRuleUsesUpNoneOfTheOthers() {
        RedisLedger a = ledger();
        RedisLedger b = ledger();
        ApiKey key = key(Optional.empty());
        RateRule spent = new RateRule("free-minute:" + key.accountId(), "free models", 1, Duration.ofHours(1));
        RateRule fresh = new RateRule("free-day:" + key.accountId(), "free models", 3, Duration.ofDays(1));
        await(a.admit(key, List.of(spent), Money.ZERO));
        // The refusing rule first and last: the script must check every rule before it writes any.
        for (List<RateRule> rules : List.of(List.of(spent, fresh), List.of(fresh, spent))) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> await(b.admit(key, rules, Money.ZERO))).cause()
                        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.rule()).isEqualTo(spent));
            }
        }
        exactlyAdmitted(3, a, b, key, List.of(fresh), Money.ZERO);
    }

    @Test
    void failingOpenRequestsRefusedForCreditCountAgainstNoLocalRateLimit() {
        ApiKey key = key(Optional.of(Money.ofUsd("0.05")));
        RedisLedger open = ledger("redis://127.0.0.1:1", OnOutage.FAIL_OPEN, Duration.ofSeconds(15));
        List<RateRule> rules = List.of(threePerHour(key));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> await(open.admit(key, rules, Money.ofUsd("0.10"))))
                    .hasCauseInstanceOf(InsufficientCreditsException.class);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(await(open.admit(key, rules, CENT)).isLocal()).isTrue();
        }
        assertThatThrownBy(() -> await(open.admit(key, rules, CENT))).hasCauseInstanceOf(RateLimitedException.class);
    }

    @Test
    void theHoldsOfAStoppedInstanceAreReclaimedByTheOthers() {
        assumeTrue(REDIS != null, "JUNCTION_TEST_REDIS_URL is not set: no Redis to share");
        RedisLedger doomed = ledger(REDIS, OnOutage.FAIL_CLOSED, Duration.ofMillis(300));
        RedisLedger survivor = ledger(REDIS, OnOutage.FAIL_CLOSED, Duration.ofMillis(300));
        ApiKey key = key(Optional.of(Money.ofUsd("0.10")));
        await(doomed.hold(key, Money.ofUsd("0.08")));
        assertThatThrownBy(() -> await(survivor.hold(key, Money.ofUsd("0.05")))).hasCauseInstanceOf(InsufficientCreditsException.class);

        doomed.close(); // stops refreshing its presence without settling: as if killed
        Hold whole = Poll.value("the survivor holding the whole limit", () -> {
            try {
                return Optional.of(await(survivor.hold(key, Money.ofUsd("0.10"))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
        assertThat(whole.amount()).isEqualTo(Money.ofUsd("0.10"));
    }

    @Test
    void unreachableRedisFailsClosedWith503OrOpenToLocalLimitsAsConfigured() {
        String nowhere = "redis://127.0.0.1:1";
        ApiKey key = key(Optional.of(Money.ofUsd("0.05")));
        RedisLedger closed = ledger(nowhere, OnOutage.FAIL_CLOSED, Duration.ofSeconds(15));
        assertThatThrownBy(() -> await(closed.hold(key, CENT))).hasCauseInstanceOf(ClusterUnavailableException.class);
        assertThat(shared.get(closed).ready()).isFalse();
        assertThat(shared.get(closed).state()).isEqualTo("down");

        RedisLedger open = ledger(nowhere, OnOutage.FAIL_OPEN, Duration.ofSeconds(15));
        Hold local = await(open.hold(key, Money.ofUsd("0.04")));
        assertThat(local.isLocal()).isTrue();
        assertThatThrownBy(() -> await(open.hold(key, CENT.plus(CENT)))).hasCauseInstanceOf(InsufficientCreditsException.class);
        open.settle(local, CENT, "gen-local");
        assertThat(await(open.spending(key)).total()).isEqualTo(CENT);
        assertThat(open.unsentSettlements()).isEqualTo(1); // added to Redis's counters once it is back
        assertThat(shared.get(open).ready()).isTrue();
        assertThat(shared.get(open).state()).isEqualTo("down (failing open)");
    }
}
