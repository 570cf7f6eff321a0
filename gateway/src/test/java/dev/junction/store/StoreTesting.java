package dev.junction.store;

import dev.junction.accounting.Cost;
import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.GenerationRecord.ProviderAttempt;
import dev.junction.money.Money;
import dev.junction.accounting.TokenUsage;
import dev.junction.config.StorageConfig;
import dev.junction.store.jdbc.JdbcStore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Stores in a temporary data directory, sample records, and reconciliation; see {@link Backend} for the databases. */
public final class StoreTesting {
    private StoreTesting() {}

    /**
     * The versions of the migrations the build ships at a Flyway {@code classpath:} location, in order: where a
     * fresh database ends up. Read from the resources, so a new migration does not need every test edited.
     */
    public static List<String> shippedMigrations(String location) {
        String dir = location.substring("classpath:".length());
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(
                Path.of(StoreTesting.class.getClassLoader().getResource(dir).toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations at " + location, e);
        }
    }

    /** SQLite in the data directory: the default configuration. */
    public static StorageConfig config(Path dataDir) {
        return new StorageConfig(dataDir, Optional.empty(), Duration.ofMillis(100));
    }

    public static JdbcStore open(Path dataDir, InstantSource clock) {
        return (JdbcStore) Stores.open(config(dataDir), clock);
    }

    /** A generation with every optional field set and two attempts. */
    public static GenerationRecord full(String id, String keyHash, Instant at) {
        return new GenerationRecord(id, keyHash, "default", "openai/gpt-4o-mini", "OpenAI", "openai|gpt-4o-mini",
                Optional.of("chatcmpl-" + id), at, true, false, Optional.of("stop"), Optional.of("end_turn"),
                new TokenUsage(1200, 340, 1000, 50, 120, false),
                new Cost(Money.ofPicos(180_000_123L), Money.ofPicos(204_000_000L), Money.ofPicos(5_000_000_000L)),
                412, 1733, Optional.of("user-42"), Optional.of("https://app.example"), Optional.of("Example App — ü"),
                Optional.of("openai-python/1.0"),
                List.of(new ProviderAttempt("Groq", "llama", 502, 12, Optional.of("Groq returned HTTP 503: overloaded")),
                        new ProviderAttempt("OpenAI", "gpt-4o-mini", 200, 400)),
                2, Optional.of("session-ü-7"), Optional.of("openrouter/auto"), Money.ofPicos(-12_345_678L),
                List.of("middle-out: removed 2 messages #3-4; prompt 9100 -> 7700 tokens", "healed — ü"), "embeddings");
    }

    /** A generation with every optional field empty, costing {@code picos}. */
    public static GenerationRecord minimal(String id, String keyHash, Instant at, long picos) {
        return generation(id, keyHash, "default", "m/model", "endpoint", at, picos, 10, 5, 1);
    }

    public static GenerationRecord generation(String id, String keyHash, String accountId, String model,
                                              String endpoint, Instant at, long picos,
                                              long promptTokens, long completionTokens, long reasoningTokens) {
        return new GenerationRecord(id, keyHash, accountId, model, "Provider", endpoint, Optional.empty(), at,
                false, false, Optional.empty(), Optional.empty(),
                new TokenUsage(promptTokens, completionTokens, 0, 0, reasoningTokens, false),
                new Cost(Money.ofPicos(picos), Money.ZERO, Money.ZERO), 0, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), 0);
    }

    /** Every aggregate row equals the sum of the generation rows it stands for, and none is missing. */
    public static void assertAggregatesMatchGenerations(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(rows(c, """
                    SELECT key_hash, day, SUM(cost_total_picos), COUNT(*) FROM generations
                    GROUP BY key_hash, day ORDER BY key_hash, day""", 4))
                    .isEqualTo(rows(c, "SELECT key_hash, day, usage_picos, requests FROM key_usage_daily "
                            + "ORDER BY key_hash, day", 4));
            assertThat(rows(c, """
                    SELECT account_id, day, model, provider_name, endpoint_id, SUM(cost_total_picos), COUNT(*),
                           SUM(tokens_prompt), SUM(tokens_completion), SUM(tokens_reasoning) FROM generations
                    GROUP BY account_id, day, model, provider_name, endpoint_id
                    ORDER BY account_id, day, model, provider_name, endpoint_id""", 10))
                    .isEqualTo(rows(c, """
                            SELECT account_id, day, model, provider_name, endpoint_id, usage_picos, requests,
                                   prompt_tokens, completion_tokens, reasoning_tokens FROM account_activity_daily
                            ORDER BY account_id, day, model, provider_name, endpoint_id""", 10));
        }
    }

    public static List<List<String>> rows(Connection c, String sql, int columns) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Closes what was opened, in order, skipping what was not (a test aborted before opening it). */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
