package dev.junction.store.jdbc;

import dev.junction.money.Money;
import dev.junction.store.GuardrailAssignment;
import dev.junction.store.GuardrailRepository;
import dev.junction.store.StoredGuardrail;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Guardrails in {@code guardrails}, their keys in {@code guardrail_keys}. */
public final class JdbcGuardrailRepository implements GuardrailRepository {
    private static final String COLUMNS = "g.id, g.account_id, g.workspace_id, g.name, g.policy, g.created_at, g.updated_at";

    private final Sql writer;
    private final Sql reader;
    private final InstantSource clock;

    public JdbcGuardrailRepository(JdbcDatabase database, InstantSource clock) {
        this.writer = new Sql(database.writeJdbi(), database.dialect());
        this.reader = new Sql(database.readJdbi(), database.dialect());
        this.clock = clock;
    }

    @Override
    public void insert(StoredGuardrail g) {
        writer.with("insert guardrail " + g.id(), h -> {
            var insert = h.createUpdate("""
                            INSERT INTO guardrails (id, account_id, workspace_id, name, policy, created_at, updated_at)
                            VALUES (:id, :account, :workspace, :name, :policy, :created, NULL)""")
                    .bind("id", g.id())
                    .bind("account", g.accountId())
                    .bind("name", g.name())
                    .bind("policy", g.policyJson())
                    .bind("created", Columns.micros(g.createdAt()));
            g.workspaceId().ifPresentOrElse(w -> insert.bind("workspace", w), () -> insert.bindNull("workspace", Types.VARCHAR));
            return insert.execute();
        });
    }

    @Override
    public boolean update(StoredGuardrail g) {
        return writer.with("update guardrail " + g.id(), h -> h.createUpdate("""
                        UPDATE guardrails SET name = :name, policy = :policy, updated_at = :updated WHERE id = :id""")
                .bind("id", g.id())
                .bind("name", g.name())
                .bind("policy", g.policyJson())
                .bind("updated", Columns.micros(g.updatedAt().orElse(clock.instant())))
                .execute() == 1);
    }

    @Override
    public boolean delete(String id) {
        return writer.inTransaction("delete guardrail " + id, h -> {
            h.createUpdate("DELETE FROM guardrail_keys WHERE guardrail_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM guardrails WHERE id = :id").bind("id", id).execute() == 1;
        });
    }

    @Override
    public Optional<StoredGuardrail> find(String id) {
        return reader.with("find a guardrail", h -> h.createQuery("SELECT " + COLUMNS + " FROM guardrails g WHERE g.id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<StoredGuardrail> list(String accountId, int offset, int limit) {
        return reader.with("list guardrails", h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM guardrails g WHERE g.account_id = :account
                        ORDER BY g.created_at, g.id LIMIT :limit OFFSET :offset""")
                .bind("account", accountId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public int count(String accountId) {
        return reader.with("count guardrails", h -> h.createQuery("SELECT COUNT(*) FROM guardrails WHERE account_id = :account")
                .bind("account", accountId)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public int assign(String guardrailId, Collection<String> keyHashes, Optional<String> assignedBy) {
        return writer.inTransaction("assign keys to guardrail " + guardrailId, h -> {
            int assigned = 0;
            for (String hash : new LinkedHashSet<>(keyHashes)) {
                var insert = h.createUpdate("""
                                INSERT INTO guardrail_keys (guardrail_id, key_hash, assigned_by, created_at)
                                VALUES (:guardrail, :key, :by, :created) ON CONFLICT DO NOTHING""")
                        .bind("guardrail", guardrailId)
                        .bind("key", hash)
                        .bind("created", Columns.micros(clock.instant()));
                assignedBy.ifPresentOrElse(b -> insert.bind("by", b), () -> insert.bindNull("by", Types.VARCHAR));
                assigned += insert.execute();
            }
            return assigned;
        });
    }

    @Override
    public int unassign(String guardrailId, Collection<String> keyHashes) {
        return writer.inTransaction("unassign keys from guardrail " + guardrailId, h -> {
            int removed = 0;
            for (String hash : new LinkedHashSet<>(keyHashes)) {
                removed += h.createUpdate("DELETE FROM guardrail_keys WHERE guardrail_id = :guardrail AND key_hash = :key")
                        .bind("guardrail", guardrailId)
                        .bind("key", hash)
                        .execute();
            }
            return removed;
        });
    }

    @Override
    public List<GuardrailAssignment> assignments(String accountId, Optional<String> guardrailId, int offset, int limit) {
        return reader.with("list guardrail assignments", h -> h.createQuery("""
                        SELECT a.guardrail_id, a.key_hash, a.assigned_by, a.created_at
                        FROM guardrail_keys a JOIN guardrails g ON g.id = a.guardrail_id
                        WHERE g.account_id = :account AND (:guardrail = '' OR a.guardrail_id = :guardrail)
                        ORDER BY a.created_at, a.guardrail_id, a.key_hash LIMIT :limit OFFSET :offset""")
                .bind("account", accountId)
                .bind("guardrail", guardrailId.orElse(""))
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> new GuardrailAssignment(rs.getString("guardrail_id"), rs.getString("key_hash"),
                        Columns.optionalString(rs, "assigned_by"), Columns.instant(rs.getLong("created_at"))))
                .list());
    }

    @Override
    public int countAssignments(String accountId, Optional<String> guardrailId) {
        return reader.with("count guardrail assignments", h -> h.createQuery("""
                        SELECT COUNT(*) FROM guardrail_keys a JOIN guardrails g ON g.id = a.guardrail_id
                        WHERE g.account_id = :account AND (:guardrail = '' OR a.guardrail_id = :guardrail)""")
                .bind("account", accountId)
                .bind("guardrail", guardrailId.orElse(""))
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public List<StoredGuardrail> forKey(String keyHash) {
        return reader.with("find a key's guardrails", h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM guardrails g JOIN guardrail_keys a ON a.guardrail_id = g.id
                        WHERE a.key_hash = :key ORDER BY g.created_at, g.id""")
                .bind("key", keyHash)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public Money spendingSince(String guardrailId, LocalDate from) {
        return reader.with("sum a guardrail's spending", h -> spending(h, guardrailId, from));
    }

    private static Money spending(Handle h, String guardrailId, LocalDate from) {
        long picos = h.createQuery("""
                        SELECT COALESCE(SUM(u.usage_picos), 0) FROM key_usage_daily u
                        JOIN guardrail_keys a ON a.key_hash = u.key_hash
                        WHERE a.guardrail_id = :guardrail AND u.day >= :from""")
                .bind("guardrail", guardrailId)
                .bind("from", Columns.day(from))
                .mapTo(Long.class)
                .one();
        return Money.ofPicos(picos);
    }

    private static StoredGuardrail map(ResultSet rs) throws SQLException {
        return new StoredGuardrail(rs.getString("id"), rs.getString("account_id"), Columns.optionalString(rs, "workspace_id"),
                rs.getString("name"), rs.getString("policy"), Columns.instant(rs.getLong("created_at")),
                Columns.optionalLong(rs, "updated_at").map(Columns::instant));
    }
}
