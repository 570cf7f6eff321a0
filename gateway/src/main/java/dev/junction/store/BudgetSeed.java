package dev.junction.store;

import dev.junction.accounting.Spending;
import dev.junction.money.Money;

import java.util.Map;
import java.util.Optional;

/**
 * A key's and its account's figures read from ONE snapshot of the database, with the drain marks of that
 * snapshot: for each instance, how many of its usage batches the figures contain ({@link Drained#mark()}).
 * A charge whose batch is at or below its instance's mark is in these figures already.
 *
 * @param key          the key's spending, or empty when only the account was asked for
 * @param accountUsage the account's spending over all time
 * @param drained      instance id → the last of its batches in this snapshot (instances silent for a day left out)
 */
public record BudgetSeed(Optional<Spending> key, Credits credits, Money accountUsage, Map<String, Long> drained) {
    public BudgetSeed {
        drained = Map.copyOf(drained);
    }
}
