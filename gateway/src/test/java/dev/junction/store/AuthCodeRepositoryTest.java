package dev.junction.store;

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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class AuthCodeRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00.000001Z");

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
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

    private static AuthCode code(String hash, Instant expires) {
        return new AuthCode(hash, "default", "https://app.example/callback", Optional.of("E9Melhoa2Owv"),
                Optional.of("S256"), Optional.of(Money.ofUsd("2.5")), T0, expires);
    }

    @Test
    void aCodeCanBeTakenExactlyOnce() {
        AuthCode code = code("c1", T0.plus(Duration.ofMinutes(10)));
        store.authCodes().insert(code);

        assertThat(store.authCodes().take("c1")).contains(code);
        assertThat(store.authCodes().take("c1")).isEmpty();
        assertThat(store.authCodes().take("never-issued")).isEmpty();
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        AuthCode plain = new AuthCode("c2", "default", "http://localhost:3000", Optional.empty(), Optional.empty(),
                Optional.empty(), T0, T0.plusSeconds(600));
        store.authCodes().insert(plain);
        assertThat(store.authCodes().take("c2")).contains(plain);
    }

    @Test
    void theSameCodeCannotBeIssuedTwice() {
        store.authCodes().insert(code("c1", T0.plusSeconds(600)));
        assertThatThrownBy(() -> store.authCodes().insert(code("c1", T0.plusSeconds(600))))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void expiredCodesAreClearedWhenANewOneIsStored() throws Exception {
        store.authCodes().insert(code("old", T0.plusSeconds(60)));
        clock.advance(Duration.ofMinutes(5));
        store.authCodes().insert(code("new", T0.plus(Duration.ofMinutes(15))));

        assertThat(db.longValue("SELECT COUNT(*) FROM auth_codes")).isEqualTo(1);
        assertThat(store.authCodes().take("old")).isEmpty();
        assertThat(store.authCodes().take("new")).isPresent();
    }
}
