package dev.junction.store.jdbc;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.GenerationQuery;
import dev.junction.store.GenerationRepository;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of committed generations; they are written only by the journal sink. */
public final class JdbcGenerationRepository implements GenerationRepository {
    private final Sql reader;

    public JdbcGenerationRepository(JdbcDatabase database) {
        this.reader = new Sql(database.readJdbi(), database.dialect());
    }

    @Override
    public Optional<GenerationRecord> find(String id) {
        return reader.with("find a generation", h -> h.createQuery("SELECT * FROM generations WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> GenerationRows.map(rs))
                .findOne());
    }

    /**
     * One page, walked down the {@code (account_id, created_at)} or {@code (key_hash, created_at)} index from the
     * cursor; the other filters are checked on the rows the index yields.
     */
    @Override
    public List<GenerationRecord> list(GenerationQuery q) {
        List<String> where = new ArrayList<>(List.of("account_id = :account"));
        q.keyHash().ifPresent(k -> where.add("key_hash = :key"));
        q.model().ifPresent(m -> where.add("model = :model"));
        q.providerName().ifPresent(p -> where.add("provider_name = :provider"));
        q.outcome().ifPresent(o -> where.add(o == GenerationQuery.Outcome.ERROR ? "finish_reason = 'error'"
                : "(finish_reason IS NULL OR finish_reason <> 'error')"));
        q.cancelled().ifPresent(c -> where.add("cancelled = :cancelled"));
        q.from().ifPresent(f -> where.add("created_at >= :from"));
        q.until().ifPresent(u -> where.add("created_at < :until"));
        q.after().ifPresent(c -> where.add("(created_at < :cursorAt OR (created_at = :cursorAt AND id < :cursorId))"));
        String sql = "SELECT * FROM generations WHERE " + String.join(" AND ", where)
                + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        return reader.with("list generations", h -> {
            Query query = h.createQuery(sql).bind("account", q.accountId()).bind("limit", q.limit());
            q.keyHash().ifPresent(k -> query.bind("key", k));
            q.model().ifPresent(m -> query.bind("model", m));
            q.providerName().ifPresent(p -> query.bind("provider", p));
            q.cancelled().ifPresent(c -> query.bind("cancelled", c));
            q.from().ifPresent(f -> query.bind("from", Columns.micros(f)));
            q.until().ifPresent(u -> query.bind("until", Columns.micros(u)));
            q.after().ifPresent(c -> query.bind("cursorAt", c.createdAtMicros()).bind("cursorId", c.id()));
            return query.map((rs, ctx) -> GenerationRows.map(rs)).list();
        });
    }

    @Override
    public long count() {
        return reader.with("count generations", h -> h.createQuery("SELECT COUNT(*) FROM generations")
                .mapTo(Long.class)
                .one());
    }
}
