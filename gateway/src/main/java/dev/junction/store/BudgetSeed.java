package dev.junction.store;

import dev.junction.accounting.Spending;
import dev.junction.accounting.WorkspaceLimits;
import dev.junction.money.Money;

import java.util.Map;
import java.util.Optional;

/**
 * A key's, its account's and its workspace's figures read from ONE snapshot of the database, with the drain marks
 * of that snapshot: for each instance, how many of its usage batches the figures contain ({@link Drained#mark()}).
 * A charge whose batch is at or below its instance's mark is in these figures already.
 *
 * @param key          the key's spending, or empty when only the account was asked for
 * @param accountUsage the account's spending over all time
 * @param workspace    the key's workspace's spending, or empty when only the account was asked for
 * @param limits       that workspace's budgets ({@link WorkspaceLimits#NONE} without a key)
 * @param drained      instance id → the last of its batches in this snapshot (instances silent for a day left out)
 */
public record BudgetSeed(Optional<Spending> key, Credits credits, Money accountUsage, Optional<Spending> workspace,
                         WorkspaceLimits limits, Map<String, Long> drained) {
    public BudgetSeed {
        drained = Map.copyOf(drained);
    }
}
