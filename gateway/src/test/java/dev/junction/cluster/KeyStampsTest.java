package dev.junction.cluster;

import dev.junction.accounting.Hold;
import dev.junction.accounting.InsufficientCreditsException;
import dev.junction.accounting.LocalCreditLedger;
import dev.junction.config.ClusterConfig;
import dev.junction.config.ClusterConfig.OnOutage;
import dev.junction.config.StorageConfig;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyFormat;
import dev.junction.keys.KeyKind;
import dev.junction.keys.KeyRefusedException;
import dev.junction.keys.KeyService;
import dev.junction.keys.StaticKeys;
import dev.junction.limits.KeyChangedException;
import dev.junction.limits.LocalRateLimiter;
import dev.junction.money.Money;
import dev.junction.store.Store;
import dev.junction.store.Stores;
import dev.junction.testing.ClusterTesting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12: a key changed through one instance is seen by every other at its next admission — the copy
 * it cached is refused as overtaken, read again, and the request admitted under the key's new state (or
 * refused, the key being disabled or deleted). Two key services and ledgers stand for two instances.
 */
class KeyStampsTest {
    private static final String REDIS = System.getenv("JUNCTION_TEST_REDIS_URL");
    private static final Money CENT = Money.ofUsd("0.01");

    @TempDir
    Path dataDir;
    private final String prefix = "junction-test:" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> open = new ArrayList<>();
    private Vertx vertx;
    private Store store;

    private record Node(KeyService keys, RedisLedger ledger) {}

    @BeforeEach
    void start() {
        assumeTrue(REDIS != null, "JUNCTION_TEST_REDIS_URL is not set: no Redis to share");
        vertx = Vertx.vertx();
        store = Stores.open(new StorageConfig(dataDir, Optional.empty(), Duration.ofMillis(100)), InstantSource.system());
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
        store.close();
    }

    private Node node() {
        ClusterConfig config = new ClusterConfig(Optional.of(REDIS), OnOutage.FAIL_CLOSED, Duration.ofSeconds(5),
                Duration.ofSeconds(15), prefix);
        SharedRedis redis = SharedRedis.connect(vertx, config);
        open.add(redis);
        KeyService keys = new KeyService(store.keys(), new StaticKeys(List.of()), vertx, InstantSource.system(),
                new RedisKeyStamps(redis));
        RedisLedger ledger = new RedisLedger(vertx, redis, keys, store.usage(), InstantSource.system(), false,
                new LocalCreditLedger(vertx, store.usage(), InstantSource.system(), false),
                new LocalRateLimiter(InstantSource.system()));
        open.add(ledger);
        return new Node(keys, ledger);
    }

    private static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static ApiKey cached(Node node, String secret) {
        return await(node.keys().authenticate(secret)).orElseThrow();
    }

    private static void admitted(Node node, ApiKey key) {
        Hold hold = await(node.ledger().hold(key, CENT));
        node.ledger().release(hold);
    }

    @Test
    void aKeyChangedOnOneInstanceIsReadAgainByTheOtherAtItsNextAdmission() {
        Node a = node();
        Node b = node();
        KeyService.CreatedKey created = a.keys().create("acct-" + UUID.randomUUID(), "changing", KeyKind.STANDARD,
                Optional.empty(), Optional.empty(), false);
        String secret = created.secret();
        ApiKey onB = cached(b, secret);
        admitted(b, onB);

        // A lowers the limit below one request's hold. B's copy still says "no limit": it is not admitted under it.
        ApiKey limited = await(a.keys().update(cached(a, secret).withChanges("changing", false,
                Optional.of(Money.ofUsd("0.005")), Optional.empty(), false, Optional.empty(), Optional.empty())));
        assertThatThrownBy(() -> await(b.ledger().hold(onB, CENT))).hasCauseInstanceOf(KeyChangedException.class);
        ApiKey reloaded = await(b.keys().reload(onB.hash()));
        assertThat(reloaded.limit()).contains(Money.ofUsd("0.005"));
        assertThatThrownBy(() -> await(b.ledger().hold(reloaded, CENT))).hasCauseInstanceOf(InsufficientCreditsException.class);
        assertThat(cached(b, secret)).as("the cache holds the new copy").isEqualTo(reloaded);
        assertThat(await(a.keys().authenticateCurrent(secret))).contains(reloaded);

        // A disables the key: B's copy is overtaken, and reading it again refuses it.
        await(a.keys().update(limited.withChanges("changing", true, Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty())));
        assertThatThrownBy(() -> await(b.ledger().hold(reloaded, CENT))).hasCauseInstanceOf(KeyChangedException.class);
        assertThatThrownBy(() -> await(b.keys().reload(onB.hash()))).hasCauseInstanceOf(KeyRefusedException.class);
        assertThat(await(b.keys().authenticateCurrent(secret))).hasValueSatisfying(k -> assertThat(k.disabled()).isTrue());

        // Enabled again: B's cached copy says disabled, but a refusal is only made on the key as it is now.
        ApiKey enabled = await(a.keys().update(cached(a, secret).withChanges("changing", false, Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty())));
        assertThat(await(b.keys().authenticate(secret))).hasValueSatisfying(k -> assertThat(k.disabled()).isFalse());
        admitted(b, cached(b, secret));

        // Deleted: B follows at once too.
        assertThat(await(a.keys().delete(enabled.hash()))).isTrue();
        ApiKey stale = cached(b, secret);
        assertThatThrownBy(() -> await(b.ledger().hold(stale, CENT))).hasCauseInstanceOf(KeyChangedException.class);
        assertThatThrownBy(() -> await(b.keys().reload(onB.hash()))).hasCauseInstanceOf(KeyRefusedException.class);
        assertThat(await(b.keys().authenticateCurrent(secret))).isEmpty();
    }

    @Test
    void keysThatDoNotExistLeaveNothingInRedis() {
        Node a = node();
        String unknown = KeyFormat.newKey();
        assertThat(await(a.keys().authenticate(unknown))).isEmpty();
        assertThat(await(a.keys().authenticateCurrent(unknown))).isEmpty();
        try (ClusterTesting.RedisProbe probe = new ClusterTesting.RedisProbe(REDIS)) {
            assertThat(probe.keys(prefix + "ks:*")).as("stamps Redis holds for unknown keys").isEmpty();
        }
    }
}
