package dev.junction.cluster;

import dev.junction.accounting.Hold;
import dev.junction.accounting.LocalCreditLedger;
import dev.junction.config.ClusterConfig;
import dev.junction.config.ClusterConfig.OnOutage;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyKind;
import dev.junction.keys.KeyService;
import dev.junction.keys.StaticKeys;
import dev.junction.limits.LocalRateLimiter;
import dev.junction.money.Money;
import dev.junction.store.Backend;
import dev.junction.store.StoreTesting;
import dev.junction.store.TestDatabase;
import dev.junction.store.jdbc.JdbcStore;
import dev.junction.testing.ClusterTesting;
import dev.junction.testing.ClusterTesting.RedisProbe;
import dev.junction.testing.Poll;
import dev.junction.testing.TcpProxy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12: charges that could not reach Redis when they were made land in its counters exactly once,
 * whichever instance sees Redis return first and whichever seeds the budgets again after Redis lost them.
 * Two ledgers stand for two instances, each with its own store (journal, instance id) on one database and
 * its own relay to one Redis, so that each can lose Redis and get it back on its own.
 */
class ChargeReplayTest {
    private static final String REDIS = System.getenv(ClusterTesting.REDIS_URL_VARIABLE);

    @TempDir
    Path dir;
    private final String prefix = "junction-test:" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> open = new ArrayList<>();
    private Vertx vertx;
    private TestDatabase db;
    private RedisProbe probe;

    /** One instance: its store, its relay to Redis, its view of Redis and its ledger. */
    private record Node(JdbcStore store, TcpProxy relay, SharedRedis redis, RedisLedger ledger) {}

    @BeforeEach
    void start() {
        assumeTrue(REDIS != null, "JUNCTION_TEST_REDIS_URL is not set: no Redis to share");
        vertx = Vertx.vertx();
        db = Backend.SQLITE.create(dir);
        probe = new RedisProbe(REDIS);
    }

    @AfterEach
    void stop() throws Exception {
        if (vertx == null) {
            return;
        }
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        vertx.close().await();
        probe.deleteAll(prefix);
        probe.close();
        db.close();
    }

    private Node node(String name) {
        JdbcStore store = db.open(dir.resolve(name), InstantSource.system());
        open.add(store);
        URI target = URI.create(REDIS);
        TcpProxy relay = TcpProxy.to(target.getHost(), target.getPort() < 0 ? 6379 : target.getPort());
        open.add(relay);
        ClusterConfig config = new ClusterConfig(Optional.of("redis://127.0.0.1:" + relay.port()), OnOutage.FAIL_OPEN,
                Duration.ofSeconds(2), Duration.ofSeconds(15), prefix);
        SharedRedis redis = SharedRedis.connect(vertx, config);
        open.add(redis);
        KeyService keys = new KeyService(store.keys(), new StaticKeys(List.of()), vertx, InstantSource.system());
        RedisLedger ledger = new RedisLedger(vertx, redis, keys, store.usage(), InstantSource.system(), false,
                new LocalCreditLedger(vertx, store.usage(), InstantSource.system(), false),
                new LocalRateLimiter(InstantSource.system()));
        open.add(ledger);
        store.onDrained(ledger::drained);
        return new Node(store, relay, redis, ledger);
    }

    private static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static ApiKey key() {
        return new ApiKey("hash-" + UUID.randomUUID(), "acct-" + UUID.randomUUID(), "replayed", "sk-…", KeyKind.STANDARD,
                false, Optional.empty(), Optional.empty(), false, Instant.now(), Optional.empty(), Optional.empty());
    }

    /** The generation's end as the generation room does it: settle, then record (the record drains later). */
    private static void finish(Node node, Hold hold, String id, long picos, boolean drainNow) {
        node.ledger().settle(hold, Money.ofPicos(picos), id);
        node.store().recorder().record(StoreTesting.generation(id, hold.key().hash(), hold.key().accountId(), "m/model",
                "endpoint", Instant.now(), picos, 1, 1, 0));
        if (drainNow) {
            node.store().recorder().flush();
        }
    }

    private static void up(Node node) {
        Poll.until("Redis reachable again through " + node.relay().port(), () -> node.redis().isUp());
    }

    private static void down(Node node) {
        node.relay().cut();
        Hold hold = await(node.ledger().hold(key(), Money.ZERO)); // the first call after the cut finds Redis gone
        node.ledger().release(hold);
        assertThat(node.redis().isUp()).isFalse();
    }

    @Test
    void chargesMadeWhileRedisWasAwayLandExactlyOnceWhicheverInstanceSeesItReturnFirst() throws Exception {
        Node a = node("a");
        Node b = node("b");
        ApiKey key = key();
        Money worst = Money.ofPicos(1_000_000);

        // Through Redis, before the outage; and one hold of A's whose settlement will not get through.
        finish(a, await(a.ledger().hold(key, worst)), "a-0", 100, true);
        finish(b, await(b.ledger().hold(key, worst)), "b-0", 200, true);
        Hold unsettled = await(a.ledger().hold(key, worst));
        assertThat(unsettled.isLocal()).isFalse();

        // Redis goes away for both; they fail open, and charge locally.
        down(a);
        down(b);
        finish(a, unsettled, "a-1", 300, true);
        finish(a, await(a.ledger().hold(key, worst)), "a-2", 400, true);
        finish(b, await(b.ledger().hold(key, worst)), "b-1", 500, true);
        // B's next charge is made, but its usage record reaches the database only after A has reseeded the budgets.
        Hold late = await(b.ledger().hold(key, worst));
        assertThat(late.isLocal()).isTrue();
        b.ledger().settle(late, Money.ofPicos(600), "b-2");

        // Redis comes back empty (restarted without persistence), and A sees it first: it seeds the budgets from
        // the database, which holds every charge so far but B's last.
        probe.deleteAll(prefix);
        a.relay().restore();
        up(a);
        finish(a, await(a.ledger().hold(key, worst)), "a-3", 700, true);
        Poll.until("A's charges settled or replayed", () -> a.ledger().unsentSettlements() == 0);

        // B sees Redis half a second later (its probe's period), and then B's last record is committed.
        b.relay().restore();
        up(b);
        b.store().recorder().record(StoreTesting.generation("b-2", key.hash(), key.accountId(), "m/model", "endpoint",
                Instant.now(), 600, 1, 1, 0));
        b.store().recorder().flush();
        Poll.until("B's charges replayed", () -> b.ledger().unsentSettlements() == 0);

        long recorded = db.longValue("SELECT SUM(cost_total_picos) FROM generations");
        assertThat(recorded).isEqualTo(100 + 200 + 300 + 400 + 500 + 600 + 700);
        assertThat(probe.hashLong(prefix + "k:" + key.hash(), "total")).as("the key's spending in Redis").isEqualTo(recorded);
        assertThat(probe.hashLong(prefix + "a:" + key.accountId(), "usage")).as("the account's usage in Redis").isEqualTo(recorded);
        assertThat(probe.hashLong(prefix + "k:" + key.hash(), "held")).as("nothing held").isZero();
        for (Node n : List.of(a, b)) {
            assertThat(await(n.ledger().spending(key)).total()).isEqualTo(Money.ofPicos(recorded));
            assertThat(await(n.ledger().account(key.accountId())).usage()).isEqualTo(Money.ofPicos(recorded));
        }
    }
}
