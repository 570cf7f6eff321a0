package dev.junction.store.jdbc;

import dev.junction.accounting.BudgetInterval;
import dev.junction.money.Money;
import dev.junction.store.StoreException;
import dev.junction.store.StoredWorkspace;
import dev.junction.store.StoredWorkspaceBudget;
import dev.junction.store.WorkspaceRepository;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Workspaces in {@code workspaces}, their budgets in {@code workspace_budgets}. */
public final class JdbcWorkspaceRepository implements WorkspaceRepository {
    private static final String COLUMNS = "id, account_id, slug, name, description, default_text_model, default_image_model, "
            + "default_provider_sort, include_byok_in_budgets, is_default, created_at, updated_at";
    private static final String INSERT = "INSERT INTO workspaces (" + COLUMNS + """
            ) VALUES (:id, :account, :slug, :name, :description, :text_model, :image_model, :sort, :byok, :is_default,
              :created, :updated)""";
    private static final String BUDGET_COLUMNS = "id, workspace_id, reset_interval, limit_picos, created_at, updated_at";

    private final Sql writer;
    private final Sql reader;

    public JdbcWorkspaceRepository(JdbcDatabase database) {
        this.writer = new Sql(database.writeJdbi(), database.dialect());
        this.reader = new Sql(database.readJdbi(), database.dialect());
    }

    @Override
    public void insert(StoredWorkspace w) {
        writer.with("insert workspace " + w.slug(), h -> bind(h.createUpdate(INSERT), w).execute());
    }

    @Override
    public void insertIfAbsent(StoredWorkspace w) {
        writer.with("insert workspace " + w.slug(), h -> bind(h.createUpdate(INSERT + " ON CONFLICT DO NOTHING"), w).execute());
    }

    @Override
    public boolean update(StoredWorkspace w) {
        return writer.with("update workspace " + w.id(), h -> bind(h.createUpdate("""
                        UPDATE workspaces SET slug = :slug, name = :name, description = :description,
                          default_text_model = :text_model, default_image_model = :image_model, default_provider_sort = :sort,
                          include_byok_in_budgets = :byok, updated_at = :updated
                        WHERE id = :id"""), w).execute() == 1);
    }

    @Override
    public boolean delete(String id) {
        return writer.inTransaction("delete workspace " + id, h -> {
            h.createUpdate("DELETE FROM workspace_budgets WHERE workspace_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM workspaces WHERE id = :id").bind("id", id).execute() == 1;
        });
    }

    @Override
    public Optional<StoredWorkspace> find(String id) {
        return reader.with("find a workspace", h -> h.createQuery("SELECT " + COLUMNS + " FROM workspaces WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public Optional<StoredWorkspace> findBySlug(String accountId, String slug) {
        return reader.with("find a workspace by slug", h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM workspaces WHERE account_id = :account AND slug = :slug")
                .bind("account", accountId)
                .bind("slug", slug)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<StoredWorkspace> list(String accountId, int offset, int limit) {
        return reader.with("list workspaces", h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM workspaces WHERE account_id = :account
                        ORDER BY created_at, id LIMIT :limit OFFSET :offset""")
                .bind("account", accountId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public int count(String accountId) {
        return reader.with("count workspaces", h -> h.createQuery("SELECT COUNT(*) FROM workspaces WHERE account_id = :account")
                .bind("account", accountId)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public StoredWorkspaceBudget upsertBudget(StoredWorkspaceBudget b) {
        return writer.inTransaction("set a workspace budget", h -> {
            Optional<StoredWorkspaceBudget> existing = h.createQuery("SELECT " + BUDGET_COLUMNS
                            + " FROM workspace_budgets WHERE workspace_id = :workspace AND reset_interval = :interval")
                    .bind("workspace", b.workspaceId())
                    .bind("interval", b.interval().wireName())
                    .map((rs, ctx) -> budget(rs))
                    .findOne();
            if (existing.isPresent()) {
                StoredWorkspaceBudget kept = new StoredWorkspaceBudget(existing.get().id(), b.workspaceId(), b.interval(),
                        b.limit(), existing.get().createdAt(), b.updatedAt());
                h.createUpdate("""
                                UPDATE workspace_budgets SET limit_picos = :limit, updated_at = :updated
                                WHERE workspace_id = :workspace AND reset_interval = :interval""")
                        .bind("limit", kept.limit().picos())
                        .bind("updated", Columns.micros(kept.updatedAt()))
                        .bind("workspace", kept.workspaceId())
                        .bind("interval", kept.interval().wireName())
                        .execute();
                return kept;
            }
            h.createUpdate("INSERT INTO workspace_budgets (" + BUDGET_COLUMNS + """
                            ) VALUES (:id, :workspace, :interval, :limit, :created, :updated)""")
                    .bind("id", b.id())
                    .bind("workspace", b.workspaceId())
                    .bind("interval", b.interval().wireName())
                    .bind("limit", b.limit().picos())
                    .bind("created", Columns.micros(b.createdAt()))
                    .bind("updated", Columns.micros(b.updatedAt()))
                    .execute();
            return b;
        });
    }

    @Override
    public boolean deleteBudget(String workspaceId, BudgetInterval interval) {
        return writer.with("delete a workspace budget", h -> h.createUpdate(
                        "DELETE FROM workspace_budgets WHERE workspace_id = :workspace AND reset_interval = :interval")
                .bind("workspace", workspaceId)
                .bind("interval", interval.wireName())
                .execute() == 1);
    }

    @Override
    public List<StoredWorkspaceBudget> budgets(String workspaceId) {
        return reader.with("list a workspace's budgets", h -> h.createQuery("SELECT " + BUDGET_COLUMNS
                        + " FROM workspace_budgets WHERE workspace_id = :workspace")
                .bind("workspace", workspaceId)
                .map((rs, ctx) -> budget(rs))
                .list()).stream().sorted(Comparator.comparing(StoredWorkspaceBudget::interval)).toList();
    }

    private static <S extends SqlStatement<S>> S bind(S statement, StoredWorkspace w) {
        statement.bind("id", w.id())
                .bind("account", w.accountId())
                .bind("slug", w.slug())
                .bind("name", w.name())
                .bind("byok", w.includeByokInBudgets())
                .bind("is_default", w.isDefault())
                .bind("created", Columns.micros(w.createdAt()));
        optional(statement, "description", w.description());
        optional(statement, "text_model", w.defaultTextModel());
        optional(statement, "image_model", w.defaultImageModel());
        optional(statement, "sort", w.defaultProviderSort());
        w.updatedAt().ifPresentOrElse(u -> statement.bind("updated", Columns.micros(u)),
                () -> statement.bindNull("updated", Types.BIGINT));
        return statement;
    }

    private static void optional(SqlStatement<?> statement, String name, Optional<String> value) {
        value.ifPresentOrElse(v -> statement.bind(name, v), () -> statement.bindNull(name, Types.VARCHAR));
    }

    private static StoredWorkspace map(ResultSet rs) throws SQLException {
        return new StoredWorkspace(rs.getString("id"), rs.getString("account_id"), rs.getString("slug"), rs.getString("name"),
                Columns.optionalString(rs, "description"), Columns.optionalString(rs, "default_text_model"),
                Columns.optionalString(rs, "default_image_model"), Columns.optionalString(rs, "default_provider_sort"),
                rs.getBoolean("include_byok_in_budgets"), rs.getBoolean("is_default"),
                Columns.instant(rs.getLong("created_at")), Columns.optionalLong(rs, "updated_at").map(Columns::instant));
    }

    private static StoredWorkspaceBudget budget(ResultSet rs) throws SQLException {
        String interval = rs.getString("reset_interval");
        return new StoredWorkspaceBudget(rs.getString("id"), rs.getString("workspace_id"),
                BudgetInterval.parse(interval).orElseThrow(() -> new StoreException("stored budget of unknown interval " + interval)),
                Money.ofPicos(rs.getLong("limit_picos")), Columns.instant(rs.getLong("created_at")),
                Columns.instant(rs.getLong("updated_at")));
    }
}
