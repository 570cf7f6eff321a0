package dev.junction.accounting;

import dev.junction.money.Money;

import java.time.LocalDate;

/**
 * What has been spent and granted so far, as recorded: where the ledger loads a key's or an account's
 * budget from the first time it sees it. Blocking: call off the event loops. The store implements it.
 */
public interface SpendingHistory {
    /** A key's settled spending, with periods taken relative to {@code today} (UTC). */
    Spending keyUsage(String keyHash, LocalDate today);

    /** The account's settled spending across all its keys. */
    Spending accountUsage(String accountId, LocalDate today);

    /** Every credit ever granted to the account. */
    Money totalCredits(String accountId);

    /**
     * The settled spending of the workspace's keys (those without a workspace count in the account's default one,
     * {@code keys.DefaultWorkspace}). Generations do not record whether they were made with the account's own
     * provider key, so this counts BYOK spending whatever the workspace's {@code include_byok_in_budgets} says.
     */
    Spending workspaceUsage(String accountId, String workspaceId, LocalDate today);

    /** The workspace's budgets as stored ({@link WorkspaceLimits#NONE} without any). */
    WorkspaceLimits workspaceLimits(String workspaceId);
}
