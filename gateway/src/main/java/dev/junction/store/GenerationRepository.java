package dev.junction.store;

import dev.junction.accounting.GenerationRecord;

import java.util.List;
import java.util.Optional;

/** Generation records as committed. Blocking JDBC: call off the event loops. */
public interface GenerationRepository {
    Optional<GenerationRecord> find(String id);

    /** A page of the generations {@code query} selects, newest first, at most {@code query.limit()} of them. */
    List<GenerationRecord> list(GenerationQuery query);

    /** How many generations are committed (for tests and crash reconciliation). */
    long count();
}
