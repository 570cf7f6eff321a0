package dev.junction.store.jdbc;

import dev.junction.money.Money;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyKind;
import dev.junction.keys.LimitReset;
import dev.junction.config.RateLimit;
import dev.junction.keys.KeyRepository;
import dev.junction.store.StoreException;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** API keys in {@code api_keys}; deleting sets {@code deleted_at}, so usage history keeps its key. */
public final class JdbcKeyRepository implements KeyRepository {
    private static final String COLUMNS = "hash, account_id, name, label, kind, disabled, limit_picos, limit_reset, "
            + "include_byok_in_limit, created_at, updated_at, rate_limit_requests, rate_limit_interval_ms, workspace_id";

    private final Sql writer;
    private final Sql reader;
    private final InstantSource clock;

    public JdbcKeyRepository(JdbcDatabase database, InstantSource clock) {
        this.writer = new Sql(database.writeJdbi(), database.dialect());
        this.reader = new Sql(database.readJdbi(), database.dialect());
        this.clock = clock;
    }

    @Override
    public void insert(ApiKey key) {
        writer.with("insert key " + key.label(), h -> bindWorkspace(bindFields(h.createUpdate("""
                        INSERT INTO api_keys (hash, account_id, name, label, kind, disabled, limit_picos, limit_reset,
                          include_byok_in_limit, created_at, updated_at, deleted_at, rate_limit_requests,
                          rate_limit_interval_ms, workspace_id)
                        VALUES (:hash, :account, :name, :label, :kind, :disabled, :limit, :reset, :byok,
                          :created, :updated, NULL, :rate_requests, :rate_interval, :workspace)"""), key), key)
                .bind("account", key.accountId())
                .bind("label", key.label())
                .bind("kind", key.kind().name().toLowerCase(Locale.ROOT))
                .bind("created", Columns.micros(key.createdAt()))
                .execute());
    }

    @Override
    public Optional<ApiKey> find(String hash) {
        return reader.with("find a key", h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM api_keys WHERE hash = :hash AND deleted_at IS NULL")
                .bind("hash", hash)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<ApiKey> list(String accountId, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return reader.with("list keys", h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM api_keys WHERE account_id = :account AND deleted_at IS NULL
                        ORDER BY created_at DESC, hash LIMIT :limit OFFSET :offset""")
                .bind("account", accountId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public List<ApiKey> list(String accountId, String workspaceId, boolean defaultWorkspace, int offset, int limit) {
        return reader.with("list a workspace's keys", h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM api_keys WHERE account_id = :account AND deleted_at IS NULL
                          AND (workspace_id = :workspace OR (:default AND workspace_id IS NULL))
                        ORDER BY created_at DESC, hash LIMIT :limit OFFSET :offset""")
                .bind("account", accountId)
                .bind("workspace", workspaceId)
                .bind("default", defaultWorkspace)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public Optional<String> workspaceOf(String hash) {
        return reader.with("find a key's workspace", h -> h.createQuery("SELECT workspace_id FROM api_keys WHERE hash = :hash")
                .bind("hash", hash)
                .map((rs, ctx) -> Columns.optionalString(rs, "workspace_id"))
                .findOne()
                .flatMap(w -> w));
    }

    @Override
    public boolean anyIn(String workspaceId) {
        return reader.with("find a workspace's keys", h -> h.createQuery(
                        "SELECT COUNT(*) FROM api_keys WHERE workspace_id = :workspace AND deleted_at IS NULL")
                .bind("workspace", workspaceId)
                .mapTo(Integer.class)
                .one()) > 0;
    }

    @Override
    public boolean update(ApiKey key) {
        return writer.with("update key " + key.label(), h -> bindFields(h.createUpdate("""
                        UPDATE api_keys SET name = :name, disabled = :disabled, limit_picos = :limit,
                          limit_reset = :reset, include_byok_in_limit = :byok, updated_at = :updated,
                          rate_limit_requests = :rate_requests, rate_limit_interval_ms = :rate_interval
                        WHERE hash = :hash AND deleted_at IS NULL"""), key)
                .execute()) == 1;
    }

    @Override
    public boolean delete(String hash) {
        return writer.with("delete a key", h -> h.createUpdate(
                        "UPDATE api_keys SET deleted_at = :now WHERE hash = :hash AND deleted_at IS NULL")
                .bind("now", Columns.micros(clock.instant()))
                .bind("hash", hash)
                .execute()) == 1;
    }

    /** Binds what insert and update share. */
    private static <S extends SqlStatement<S>> S bindFields(S statement, ApiKey key) {
        statement.bind("hash", key.hash())
                .bind("name", key.name())
                .bind("disabled", key.disabled())
                .bind("byok", key.includeByokInLimit());
        key.limit().ifPresentOrElse(l -> statement.bind("limit", l.picos()), () -> statement.bindNull("limit", Types.BIGINT));
        key.limitReset().ifPresentOrElse(r -> statement.bind("reset", r.wireName()),
                () -> statement.bindNull("reset", Types.VARCHAR));
        key.updatedAt().ifPresentOrElse(u -> statement.bind("updated", Columns.micros(u)),
                () -> statement.bindNull("updated", Types.BIGINT));
        key.rateLimit().ifPresentOrElse(r -> statement.bind("rate_requests", r.requests()).bind("rate_interval", r.interval().toMillis()),
                () -> statement.bindNull("rate_requests", Types.INTEGER).bindNull("rate_interval", Types.BIGINT));
        return statement;
    }

    private static <S extends SqlStatement<S>> S bindWorkspace(S statement, ApiKey key) {
        key.workspaceId().ifPresentOrElse(w -> statement.bind("workspace", w), () -> statement.bindNull("workspace", Types.VARCHAR));
        return statement;
    }

    private static Optional<RateLimit> rateLimit(Optional<Long> requests, Optional<Long> intervalMillis) {
        return requests.flatMap(n -> intervalMillis.map(ms -> new RateLimit(n.intValue(), java.time.Duration.ofMillis(ms))));
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        return new ApiKey(
                rs.getString("hash"),
                rs.getString("account_id"),
                rs.getString("name"),
                rs.getString("label"),
                switch (kind) {
                    case "standard" -> KeyKind.STANDARD;
                    case "provisioning" -> KeyKind.PROVISIONING;
                    default -> throw new StoreException("stored key of unknown kind " + kind);
                },
                rs.getBoolean("disabled"),
                Columns.optionalLong(rs, "limit_picos").map(Money::ofPicos),
                Columns.optionalString(rs, "limit_reset").map(r -> LimitReset.parse(r)
                        .orElseThrow(() -> new StoreException("stored key with unknown limit reset " + r))),
                rs.getBoolean("include_byok_in_limit"),
                Columns.instant(rs.getLong("created_at")),
                Columns.optionalLong(rs, "updated_at").map(Columns::instant),
                rateLimit(Columns.optionalLong(rs, "rate_limit_requests"), Columns.optionalLong(rs, "rate_limit_interval_ms")),
                Columns.optionalString(rs, "workspace_id"));
    }
}
