package dev.junction.store.jdbc;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.Drained;
import dev.junction.store.InstanceId;
import dev.junction.store.StoreException;
import dev.junction.store.journal.JournalSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The usage batch, in plain JDBC because it is the one hot write: generations inserted by id, the
 * per-key and per-account daily aggregates of exactly the rows that were new, and the journal
 * checkpoints, all in one transaction on the writer connection.
 *
 * <p>Several gateway processes may drain into one database at once. Their aggregates meet in the same
 * rows, which {@code INSERT … ON CONFLICT DO UPDATE} adds to atomically, each batch in the same
 * fixed order (keys sorted, key totals before activity) so that two batches can wait on each other
 * but never in a cycle. Their checkpoints never meet: each sink reads and writes only the rows of its
 * own {@link InstanceId}.
 */
public final class JdbcJournalSink implements JournalSink {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcJournalSink.class);
    private static final String UPSERT_KEY_DAY = """
            INSERT INTO key_usage_daily (key_hash, day, usage_picos, requests) VALUES (?, ?, ?, ?)
            ON CONFLICT (key_hash, day) DO UPDATE SET
              usage_picos = key_usage_daily.usage_picos + excluded.usage_picos,
              requests = key_usage_daily.requests + excluded.requests""";
    private static final String UPSERT_ACTIVITY = """
            INSERT INTO account_activity_daily (account_id, day, model, provider_name, endpoint_id,
              usage_picos, requests, prompt_tokens, completion_tokens, reasoning_tokens)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (account_id, day, model, provider_name, endpoint_id) DO UPDATE SET
              usage_picos = account_activity_daily.usage_picos + excluded.usage_picos,
              requests = account_activity_daily.requests + excluded.requests,
              prompt_tokens = account_activity_daily.prompt_tokens + excluded.prompt_tokens,
              completion_tokens = account_activity_daily.completion_tokens + excluded.completion_tokens,
              reasoning_tokens = account_activity_daily.reasoning_tokens + excluded.reasoning_tokens""";
    private static final String UPSERT_CHECKPOINT = """
            INSERT INTO journal_checkpoints (instance_id, segment, position, retired_at) VALUES (?, ?, ?, NULL)
            ON CONFLICT (instance_id, segment) DO UPDATE SET position = excluded.position""";
    /** The instance's row is locked until the batch commits, so its batches commit in the order of their marks. */
    private static final String NEXT_MARK = """
            INSERT INTO drain_marks (instance_id, seq, updated_at) VALUES (?, 1, ?)
            ON CONFLICT (instance_id) DO UPDATE SET seq = drain_marks.seq + 1, updated_at = excluded.updated_at
            RETURNING seq""";

    /** About 150 µs of the writer's CPU on SQLite (bench/RESULTS.md §13). */
    private static final int ROWS_BETWEEN_YIELDS = 16;

    private final JdbcDatabase database;
    private final InstantSource clock;
    private final String instance;
    private final List<Consumer<Drained>> listeners = new CopyOnWriteArrayList<>();

    public JdbcJournalSink(JdbcDatabase database, InstantSource clock, InstanceId instance) {
        this.database = database;
        this.clock = clock;
        this.instance = instance.value();
    }

    private record KeyDay(String keyHash, String day) {
        static final Comparator<KeyDay> ORDER = Comparator.comparing(KeyDay::keyHash).thenComparing(KeyDay::day);
    }

    private record ActivityKey(String accountId, String day, String model, String providerName, String endpointId) {
        static final Comparator<ActivityKey> ORDER = Comparator.comparing(ActivityKey::accountId)
                .thenComparing(ActivityKey::day)
                .thenComparing(ActivityKey::model)
                .thenComparing(ActivityKey::providerName)
                .thenComparing(ActivityKey::endpointId);
    }

    /** Sums of one aggregate row: usage, requests, prompt, completion, reasoning tokens. */
    private static final class Sums {
        long usage;
        long requests;
        long prompt;
        long completion;
        long reasoning;

        void add(GenerationRecord g) {
            usage = Math.addExact(usage, g.cost().total().picos());
            requests++;
            prompt += g.usage().promptTokens();
            completion += g.usage().completionTokens();
            reasoning += g.usage().reasoningTokens();
        }
    }

    /**
     * Takes over the checkpoint rows written before checkpoints had an instance (migration V3 gave
     * them {@code ''}): they can only be this data directory's, as a database was shared by one
     * gateway then. Call before the journal is replayed.
     */
    public void adoptCheckpointsWithoutInstance() {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE journal_checkpoints SET instance_id = ? WHERE instance_id = ''")) {
                ps.setString(1, instance);
                ps.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, Long> checkpoints() {
        try (Connection c = database.readers().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT segment, position FROM journal_checkpoints WHERE instance_id = ?")) {
            ps.setString(1, instance);
            Map<String, Long> result = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getLong(2));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot read journal checkpoints: " + e.getMessage(), e);
        }
    }

    /** Told of every batch after it committed, on the drain thread; it must return quickly. */
    public void onDrained(Consumer<Drained> listener) {
        listeners.add(listener);
    }

    @Override
    public void commit(List<GenerationRecord> generations, Map<String, Long> checkpoints) {
        List<GenerationRecord> inserted = new ArrayList<>(generations.size());
        long[] mark = new long[1];
        inTransaction(c -> {
            inserted.clear(); // a retried transaction starts over
            inserted.addAll(insertNew(c, generations));
            Map<KeyDay, Sums> keyDays = new TreeMap<>(KeyDay.ORDER);
            Map<ActivityKey, Sums> activity = new TreeMap<>(ActivityKey.ORDER);
            for (GenerationRecord g : inserted) {
                String day = Columns.day(g.createdAt());
                keyDays.computeIfAbsent(new KeyDay(g.keyHash(), day), k -> new Sums()).add(g);
                activity.computeIfAbsent(new ActivityKey(g.accountId(), day, g.model(), g.providerName(),
                        g.endpointId()), k -> new Sums()).add(g);
            }
            try (PreparedStatement ps = c.prepareStatement(UPSERT_KEY_DAY)) {
                for (var e : keyDays.entrySet()) {
                    ps.setString(1, e.getKey().keyHash());
                    ps.setString(2, e.getKey().day());
                    ps.setLong(3, e.getValue().usage);
                    ps.setLong(4, e.getValue().requests);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(UPSERT_ACTIVITY)) {
                for (var e : activity.entrySet()) {
                    ActivityKey k = e.getKey();
                    Sums s = e.getValue();
                    ps.setString(1, k.accountId());
                    ps.setString(2, k.day());
                    ps.setString(3, k.model());
                    ps.setString(4, k.providerName());
                    ps.setString(5, k.endpointId());
                    ps.setLong(6, s.usage);
                    ps.setLong(7, s.requests);
                    ps.setLong(8, s.prompt);
                    ps.setLong(9, s.completion);
                    ps.setLong(10, s.reasoning);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(UPSERT_CHECKPOINT)) {
                for (var e : checkpoints.entrySet()) {
                    ps.setString(1, instance);
                    ps.setString(2, e.getKey());
                    ps.setLong(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            mark[0] = nextMark(c);
        });
        Drained drained = new Drained(instance, mark[0], inserted);
        for (Consumer<Drained> listener : listeners) {
            try {
                listener.accept(drained);
            } catch (RuntimeException e) {
                LOG.error("a listener to committed usage batches failed", e);
            }
        }
    }

    private long nextMark(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEXT_MARK)) {
            ps.setString(1, instance);
            ps.setLong(2, Columns.micros(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the drain mark of instance " + instance + " was not returned");
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * Inserts each generation unless its id is there, keeping each statement's update count: only the
     * rows really inserted may be added to the aggregates, which keeps a replayed record from being
     * counted twice even without its checkpoint. JDBC batches: both drivers report every row's own count
     * (PostgreSQL's as long as batches are not rewritten, which {@code PostgresDatabase} ensures). On SQLite a
     * batch also costs the writer about a third less CPU per row than a statement at a time (bench/RESULTS.md §13).
     *
     * <p>One batch on PostgreSQL, a round trip. On SQLite, whose work runs on this thread, batches of
     * {@link #ROWS_BETWEEN_YIELDS} with a {@link Thread#yield} between them: a usage batch is milliseconds of CPU
     * every commit window, and on two cores an event loop (or the client or upstream it waits for) woken meanwhile
     * could wait for the rest of the writer's time slice. Measured at one request at a time: the p99 latency
     * fell by a third to a half (§13).
     */
    private List<GenerationRecord> insertNew(Connection c, List<GenerationRecord> generations) throws SQLException {
        List<GenerationRecord> inserted = new ArrayList<>(generations.size());
        int perBatch = database.dialect().runsOnTheCallingThread() ? ROWS_BETWEEN_YIELDS : generations.size();
        try (PreparedStatement ps = c.prepareStatement(GenerationRows.INSERT)) {
            for (int from = 0; from < generations.size(); from += perBatch) {
                if (from > 0) {
                    Thread.yield();
                }
                List<GenerationRecord> batch = generations.subList(from, Math.min(from + perBatch, generations.size()));
                for (GenerationRecord g : batch) {
                    GenerationRows.bind(ps, g);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    switch (counts[i]) {
                        case 1 -> inserted.add(batch.get(i));
                        case 0 -> { } // there already: a replay
                        default -> throw new SQLException("the driver reported update count " + counts[i]
                                + " for one generation insert; the batch is rolled back");
                    }
                }
            }
        }
        return inserted;
    }

    @Override
    public void retire(Collection<String> segments) {
        if (segments.isEmpty()) {
            return;
        }
        try (Connection c = database.writer().getConnection()) {
            database.dialect().durably(c, conn -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "UPDATE journal_checkpoints SET retired_at = ? WHERE instance_id = ? AND segment = ?")) {
                    for (String segment : segments) {
                        ps.setLong(1, Columns.micros(clock.instant()));
                        ps.setString(2, instance);
                        ps.setString(3, segment);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot retire journal segments: " + e.getMessage(), e);
        }
    }

    @Override
    public void forget(Collection<String> segments) {
        if (segments.isEmpty()) {
            return;
        }
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM journal_checkpoints WHERE instance_id = ? AND segment = ?")) {
                for (String segment : segments) {
                    ps.setString(1, instance);
                    ps.setString(2, segment);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    private void inTransaction(Dialect.SqlWork work) {
        try (Connection c = database.writer().getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("usage batch failed: " + e.getMessage(), e);
        }
    }
}
