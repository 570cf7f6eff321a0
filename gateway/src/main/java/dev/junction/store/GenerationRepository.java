package dev.junction.store;

import dev.junction.accounting.GenerationRecord;

import java.util.Optional;

/** Generation records as committed. Blocking JDBC: call off the event loops. */
public interface GenerationRepository {
    Optional<GenerationRecord> find(String id);

    /** How many generations are committed (for tests and crash reconciliation). */
    long count();
}
