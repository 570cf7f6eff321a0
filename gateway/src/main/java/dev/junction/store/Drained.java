package dev.junction.store;

import dev.junction.accounting.GenerationRecord;

import java.util.List;

/**
 * One usage batch this process has just committed to the database: the generations it inserted (a record
 * that was there already is not among them) and the batch's mark — the count of batches its instance has
 * committed, this one included, stored in the same transaction ({@link BudgetSeed#drained()}).
 */
public record Drained(String instance, long mark, List<GenerationRecord> generations) {
    public Drained {
        generations = List.copyOf(generations);
    }
}
