package dev.junction.store.jdbc;

import dev.junction.store.PresetRepository;
import dev.junction.store.StoredPreset;
import dev.junction.store.StoredPresetVersion;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** Presets in {@code presets}, their versions in {@code preset_versions}. */
public final class JdbcPresetRepository implements PresetRepository {
    private static final String COLUMNS = "id, account_id, slug, name, description, status, designated_version, created_by, "
            + "created_at, updated_at, status_updated_at";
    private static final String VERSION_COLUMNS = "id, preset_id, version, config, system_prompt, creator_id, created_at";

    private final Sql writer;
    private final Sql reader;

    public JdbcPresetRepository(JdbcDatabase database) {
        this.writer = new Sql(database.writeJdbi(), database.dialect());
        this.reader = new Sql(database.readJdbi(), database.dialect());
    }

    @Override
    public void insert(StoredPreset p, StoredPresetVersion first) {
        writer.inTransaction("insert preset " + p.slug(), h -> {
            bindPreset(h.createUpdate("INSERT INTO presets (" + COLUMNS + """
                            ) VALUES (:id, :account, :slug, :name, :description, :status, :designated, :created_by,
                              :created, :updated, :status_updated)"""), p)
                    .bind("account", p.accountId())
                    .bind("slug", p.slug())
                    .bind("created_by", p.createdBy().orElse(null))
                    .bind("created", Columns.micros(p.createdAt()))
                    .execute();
            insertVersion(h, first);
            return null;
        });
    }

    @Override
    public boolean update(StoredPreset p) {
        return writer.with("update preset " + p.slug(), h -> update(h, p));
    }

    @Override
    public boolean addVersion(StoredPresetVersion version, StoredPreset p) {
        return writer.inTransaction("add a version to preset " + p.slug(), h -> {
            if (!update(h, p)) {
                return false; // deleted meanwhile: no version without its preset
            }
            insertVersion(h, version);
            return true;
        });
    }

    @Override
    public boolean delete(String id) {
        return writer.inTransaction("delete preset " + id, h -> {
            h.createUpdate("DELETE FROM preset_versions WHERE preset_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM presets WHERE id = :id").bind("id", id).execute() == 1;
        });
    }

    @Override
    public Optional<StoredPreset> find(String accountId, String slug) {
        return reader.with("find a preset", h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM presets WHERE account_id = :account AND slug = :slug")
                .bind("account", accountId)
                .bind("slug", slug)
                .map((rs, ctx) -> preset(rs))
                .findOne());
    }

    @Override
    public List<StoredPreset> list(String accountId, int offset, int limit) {
        return reader.with("list presets", h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM presets WHERE account_id = :account ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("account", accountId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> preset(rs))
                .list());
    }

    @Override
    public int count(String accountId) {
        return reader.with("count presets", h -> h.createQuery("SELECT COUNT(*) FROM presets WHERE account_id = :account")
                .bind("account", accountId)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public List<StoredPresetVersion> versions(String presetId, int offset, int limit) {
        return reader.with("list preset versions", h -> h.createQuery("SELECT " + VERSION_COLUMNS
                        + " FROM preset_versions WHERE preset_id = :preset ORDER BY version DESC LIMIT :limit OFFSET :offset")
                .bind("preset", presetId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> version(rs))
                .list());
    }

    @Override
    public int countVersions(String presetId) {
        return reader.with("count preset versions", h -> h.createQuery(
                        "SELECT COUNT(*) FROM preset_versions WHERE preset_id = :preset")
                .bind("preset", presetId)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public Optional<StoredPresetVersion> version(String presetId, int version) {
        return reader.with("find a preset version", h -> h.createQuery("SELECT " + VERSION_COLUMNS
                        + " FROM preset_versions WHERE preset_id = :preset AND version = :version")
                .bind("preset", presetId)
                .bind("version", version)
                .map((rs, ctx) -> version(rs))
                .findOne());
    }

    private static boolean update(Handle h, StoredPreset p) {
        return bindPreset(h.createUpdate("""
                        UPDATE presets SET name = :name, description = :description, status = :status,
                          designated_version = :designated, updated_at = :updated, status_updated_at = :status_updated
                        WHERE id = :id"""), p)
                .execute() == 1;
    }

    private static <S extends SqlStatement<S>> S bindPreset(S s, StoredPreset p) {
        s.bind("id", p.id()).bind("name", p.name()).bind("status", p.status())
                .bind("updated", Columns.micros(p.updatedAt()));
        p.description().ifPresentOrElse(d -> s.bind("description", d), () -> s.bindNull("description", Types.VARCHAR));
        p.designatedVersion().ifPresentOrElse(v -> s.bind("designated", v), () -> s.bindNull("designated", Types.INTEGER));
        p.statusUpdatedAt().ifPresentOrElse(t -> s.bind("status_updated", Columns.micros(t)),
                () -> s.bindNull("status_updated", Types.BIGINT));
        return s;
    }

    private static void insertVersion(Handle h, StoredPresetVersion v) {
        var insert = h.createUpdate("INSERT INTO preset_versions (" + VERSION_COLUMNS + """
                        ) VALUES (:id, :preset, :version, :config, :system_prompt, :creator, :created)""")
                .bind("id", v.id())
                .bind("preset", v.presetId())
                .bind("version", v.version())
                .bind("config", v.configJson())
                .bind("creator", v.creatorId())
                .bind("created", Columns.micros(v.createdAt()));
        v.systemPrompt().ifPresentOrElse(p -> insert.bind("system_prompt", p), () -> insert.bindNull("system_prompt", Types.VARCHAR));
        insert.execute();
    }

    private static StoredPreset preset(ResultSet rs) throws SQLException {
        return new StoredPreset(rs.getString("id"), rs.getString("account_id"), rs.getString("slug"), rs.getString("name"),
                Columns.optionalString(rs, "description"), rs.getString("status"),
                Columns.optionalLong(rs, "designated_version").map(Long::intValue), Columns.optionalString(rs, "created_by"),
                Columns.instant(rs.getLong("created_at")), Columns.instant(rs.getLong("updated_at")),
                Columns.optionalLong(rs, "status_updated_at").map(Columns::instant));
    }

    private static StoredPresetVersion version(ResultSet rs) throws SQLException {
        return new StoredPresetVersion(rs.getString("id"), rs.getString("preset_id"), rs.getInt("version"),
                rs.getString("config"), Columns.optionalString(rs, "system_prompt"), rs.getString("creator_id"),
                Columns.instant(rs.getLong("created_at")));
    }
}
