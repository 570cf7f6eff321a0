package dev.junction.store;

import dev.junction.keys.KeyRepository;
import dev.junction.money.Money;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyKind;
import dev.junction.keys.LimitReset;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class KeyRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:15:30.123456Z");

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private TestDatabase db;
    private JdbcStore store;
    private KeyRepository keys;

    @BeforeEach
    void open() {
        db = backend.create(dir);
        store = db.open(dir, clock);
        keys = store.keys();
    }

    @AfterEach
    void close() throws Exception {
        StoreTesting.closeAll(store, db);
    }

    private static ApiKey key(String hash, String account, Instant created) {
        return new ApiKey(hash, account, "name-" + hash, "sk-jn-v1-" + hash + "…", KeyKind.STANDARD, false,
                Optional.empty(), Optional.empty(), false, created, Optional.empty(), Optional.empty());
    }

    @Test
    void insertedKeysReadBackFieldForField() {
        ApiKey limited = new ApiKey("h1", "default", "CI key", "sk-jn-v1-abc…xyz", KeyKind.STANDARD, true,
                Optional.of(Money.ofUsd("12.345678901234")), Optional.of(LimitReset.WEEKLY), true, T0,
                Optional.of(T0.plusSeconds(5)), Optional.of(new dev.junction.config.RateLimit(20, java.time.Duration.ofMinutes(1))));
        ApiKey provisioning = new ApiKey("h2", "default", "admin", "sk-jn-v1-def…uvw", KeyKind.PROVISIONING, false,
                Optional.empty(), Optional.empty(), false, T0, Optional.empty(), Optional.empty());
        keys.insert(limited);
        keys.insert(provisioning);

        assertThat(keys.find("h1")).contains(limited);
        assertThat(keys.find("h2")).contains(provisioning);
        assertThat(keys.find("unknown")).isEmpty();
    }

    @Test
    void everyLimitResetRoundTrips() {
        for (LimitReset reset : LimitReset.values()) {
            ApiKey k = new ApiKey("h-" + reset, "default", "n", "l", KeyKind.STANDARD, false,
                    Optional.of(Money.ofPicos(1)), Optional.of(reset), false, T0, Optional.empty(), Optional.empty());
            keys.insert(k);
            assertThat(keys.find(k.hash())).contains(k);
        }
    }

    @Test
    void insertingAnExistingHashFails() {
        keys.insert(key("h1", "default", T0));
        assertThatThrownBy(() -> keys.insert(key("h1", "default", T0))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void listIsNewestFirstPerAccountWithOffsetAndLimit() {
        for (int i = 0; i < 5; i++) {
            keys.insert(key("a" + i, "default", T0.plusSeconds(i)));
        }
        keys.insert(key("other", "acct-2", T0.plusSeconds(99)));

        assertThat(keys.list("default", 0, 10)).extracting(ApiKey::hash).containsExactly("a4", "a3", "a2", "a1", "a0");
        assertThat(keys.list("default", 1, 2)).extracting(ApiKey::hash).containsExactly("a3", "a2");
        assertThat(keys.list("default", 5, 2)).isEmpty();
        assertThat(keys.list("acct-2", 0, 10)).extracting(ApiKey::hash).containsExactly("other");
        assertThat(keys.list("nobody", 0, 10)).isEmpty();
    }

    @Test
    void updateReplacesTheMutableFieldsOnly() {
        ApiKey original = key("h1", "default", T0);
        keys.insert(original);
        ApiKey changed = new ApiKey("h1", "acct-ignored", "renamed", "label-ignored", KeyKind.PROVISIONING, true,
                Optional.of(Money.ofUsd("5")), Optional.of(LimitReset.MONTHLY), true, T0.plusSeconds(60),
                Optional.of(T0.plusSeconds(60)), Optional.empty());

        assertThat(keys.update(changed)).isTrue();

        assertThat(keys.find("h1")).contains(new ApiKey("h1", "default", "renamed", original.label(),
                KeyKind.STANDARD, true, Optional.of(Money.ofUsd("5")), Optional.of(LimitReset.MONTHLY), true, T0,
                Optional.of(T0.plusSeconds(60)), Optional.empty()));

        ApiKey cleared = new ApiKey("h1", "default", "renamed", original.label(), KeyKind.STANDARD, false,
                Optional.empty(), Optional.empty(), false, T0, Optional.of(T0.plusSeconds(61)), Optional.empty());
        assertThat(keys.update(cleared)).isTrue();
        assertThat(keys.find("h1")).contains(cleared);
    }

    @Test
    void updateOfAMissingOrDeletedKeyChangesNothing() {
        assertThat(keys.update(key("missing", "default", T0))).isFalse();
        keys.insert(key("h1", "default", T0));
        keys.delete("h1");
        assertThat(keys.update(key("h1", "default", T0))).isFalse();
        assertThat(keys.find("h1")).isEmpty();
    }

    @Test
    void deleteIsSoftOnceAndHidesTheKey() throws Exception {
        keys.insert(key("h1", "default", T0));
        keys.insert(key("h2", "default", T0.plusSeconds(1)));
        clock.advance(Duration.ofMinutes(3));

        assertThat(keys.delete("h1")).isTrue();
        assertThat(keys.delete("h1")).isFalse();
        assertThat(keys.delete("never")).isFalse();

        assertThat(keys.find("h1")).isEmpty();
        assertThat(keys.list("default", 0, 10)).extracting(ApiKey::hash).containsExactly("h2");
        // The row stays (usage history refers to it) and a deleted hash cannot be reused.
        assertThat(db.longValue("SELECT deleted_at FROM api_keys WHERE hash = 'h1'"))
                .isEqualTo((T0.getEpochSecond() + 180) * 1_000_000 + 123_456);
        assertThatThrownBy(() -> keys.insert(key("h1", "default", T0))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void theDefaultAccountExists() throws Exception {
        assertThat(db.longValue("SELECT COUNT(*) FROM accounts WHERE id = 'default'")).isEqualTo(1);
    }

    @Test
    void keysSurviveAReopen() {
        ApiKey k = key("h1", "default", T0);
        keys.insert(k);
        store.close();
        store = db.open(dir, clock);
        assertThat(store.keys().find("h1")).contains(k);
    }
}
