package dev.junction.store;

import dev.junction.accounting.GenerationRecord;
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
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class GenerationRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00.654321Z");

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private TestDatabase db;
    private JdbcStore store;

    @BeforeEach
    void open() {
        db = backend.create(dir);
        store = db.open(dir, new MutableClock(T0));
    }

    @AfterEach
    void close() throws Exception {
        StoreTesting.closeAll(store, db);
    }

    @Test
    void everyFieldOfARecordIsStored() {
        GenerationRecord full = StoreTesting.full("gen-1", "k1", T0);
        GenerationRecord minimal = StoreTesting.minimal("gen-2", "k1", T0, 7);
        store.recorder().record(full);
        store.recorder().record(minimal);
        store.recorder().flush();

        assertThat(store.generations().find("gen-1")).contains(full);
        assertThat(store.generations().find("gen-2")).contains(minimal);
        assertThat(store.generations().find("gen-3")).isEmpty();
        assertThat(store.generations().count()).isEqualTo(2);
    }

    @Test
    void costPartsAndTotalAreIntegerPicoDollars() throws Exception {
        store.recorder().record(StoreTesting.full("gen-1", "k1", T0));
        store.recorder().flush();
        try (var c = db.connect()) {
            assertThat(StoreTesting.rows(c, """
                    SELECT %s, cost_prompt_picos, cost_completion_picos, cost_fees_picos,
                           cost_total_picos, day, attempts FROM generations""".formatted(db.typeOf("cost_prompt_picos")), 7))
                    .containsExactly(java.util.List.of(db.integerType(), "180000123", "204000000", "5000000000",
                            "5384000123", "2026-11-20",
                            "[{\"provider_name\":\"Groq\",\"model\":\"llama\",\"status\":502,\"latency_ms\":12,"
                                    + "\"reason\":\"Groq returned HTTP 503: overloaded\"},"
                                    + "{\"provider_name\":\"OpenAI\",\"model\":\"gpt-4o-mini\",\"status\":200,\"latency_ms\":400}]"));
        }
    }

    @Test
    void recordingTheSameIdTwiceKeepsTheFirstAndCountsOnce() throws Exception {
        store.recorder().record(StoreTesting.minimal("gen-1", "k1", T0, 100));
        store.recorder().record(StoreTesting.minimal("gen-1", "k1", T0, 999));
        store.recorder().flush();

        assertThat(store.generations().count()).isEqualTo(1);
        assertThat(store.generations().find("gen-1").orElseThrow().cost().total().picos()).isEqualTo(100);
        assertThat(store.usage().keyUsage("k1", T0.atZone(java.time.ZoneOffset.UTC).toLocalDate()).total().picos())
                .isEqualTo(100);
        StoreTesting.assertAggregatesMatchGenerations(db);
    }
}
