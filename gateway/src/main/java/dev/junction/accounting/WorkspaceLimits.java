package dev.junction.accounting;

import dev.junction.money.Money;

import java.util.Map;

/**
 * A workspace's budgets as the ledger holds requests against them: the limit of each interval that has one, and
 * whether spending through the account's own provider keys (BYOK) counts.
 */
public record WorkspaceLimits(Map<BudgetInterval, Money> limits, boolean includeByok) {
    public static final WorkspaceLimits NONE = new WorkspaceLimits(Map.of(), false);

    public WorkspaceLimits {
        limits = Map.copyOf(limits);
    }
}
