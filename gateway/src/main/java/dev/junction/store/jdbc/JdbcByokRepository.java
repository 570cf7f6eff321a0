package dev.junction.store.jdbc;

import dev.junction.store.ByokRepository;
import dev.junction.store.StoredByokKey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** BYOK credentials in {@code byok_keys}, their secrets sealed before they get here. */
public final class JdbcByokRepository implements ByokRepository {
    private static final String COLUMNS = "id, account_id, provider, name, label, secret, settings, created_at, updated_at";

    private final Sql writer;
    private final Sql reader;

    public JdbcByokRepository(JdbcDatabase database) {
        this.writer = new Sql(database.writeJdbi(), database.dialect());
        this.reader = new Sql(database.readJdbi(), database.dialect());
    }

    @Override
    public void insert(StoredByokKey k) {
        writer.with("insert a BYOK key", h -> h.createUpdate("INSERT INTO byok_keys (" + COLUMNS
                        + ") VALUES (:id, :account, :provider, :name, :label, :secret, :settings, :created, NULL)")
                .bind("id", k.id())
                .bind("account", k.accountId())
                .bind("provider", k.provider())
                .bind("name", k.name().orElse(null))
                .bind("label", k.label())
                .bind("secret", k.sealedSecret())
                .bind("settings", k.settingsJson())
                .bind("created", Columns.micros(k.createdAt()))
                .execute());
    }

    @Override
    public boolean update(StoredByokKey k) {
        return writer.with("update a BYOK key", h -> h.createUpdate("""
                        UPDATE byok_keys SET name = :name, label = :label, secret = :secret, settings = :settings,
                          updated_at = :updated WHERE id = :id""")
                .bind("id", k.id())
                .bind("name", k.name().orElse(null))
                .bind("label", k.label())
                .bind("secret", k.sealedSecret())
                .bind("settings", k.settingsJson())
                .bind("updated", k.updatedAt().map(Columns::micros).orElse(null))
                .execute() == 1);
    }

    @Override
    public boolean delete(String id) {
        return writer.with("delete a BYOK key", h -> h.createUpdate("DELETE FROM byok_keys WHERE id = :id")
                .bind("id", id).execute() == 1);
    }

    @Override
    public Optional<StoredByokKey> find(String id) {
        return reader.with("find a BYOK key", h -> h.createQuery("SELECT " + COLUMNS + " FROM byok_keys WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<StoredByokKey> list(String accountId, int offset, int limit) {
        return reader.with("list BYOK keys", h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM byok_keys WHERE account_id = :account ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("account", accountId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public int count(String accountId) {
        return reader.with("count BYOK keys", h -> h.createQuery("SELECT COUNT(*) FROM byok_keys WHERE account_id = :account")
                .bind("account", accountId)
                .mapTo(Integer.class)
                .one());
    }

    private static StoredByokKey map(ResultSet rs) throws SQLException {
        return new StoredByokKey(rs.getString("id"), rs.getString("account_id"), rs.getString("provider"),
                Columns.optionalString(rs, "name"), rs.getString("label"), rs.getString("secret"), rs.getString("settings"),
                Columns.instant(rs.getLong("created_at")), Columns.optionalLong(rs, "updated_at").map(Columns::instant));
    }
}
