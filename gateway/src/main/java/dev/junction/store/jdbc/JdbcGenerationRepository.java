package dev.junction.store.jdbc;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.GenerationRepository;

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

    @Override
    public long count() {
        return reader.with("count generations", h -> h.createQuery("SELECT COUNT(*) FROM generations")
                .mapTo(Long.class)
                .one());
    }
}
