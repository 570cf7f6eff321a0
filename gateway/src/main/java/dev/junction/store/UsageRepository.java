package dev.junction.store;

import dev.junction.accounting.SpendingHistory;
import dev.junction.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Recorded usage, credits and activity. Blocking JDBC: call off the event loops. Figures include every
 * generation the {@link UsageRecorder} has committed to the database.
 */
public interface UsageRepository extends SpendingHistory {
    /** Adds credits to the account's balance. */
    void grantCredits(String accountId, Money amount, String note);

    /** The account's credits and how many grants make them, read together. */
    Credits credits(String accountId);

    /**
     * The key's spending (if {@code keyHash} is given), the account's credits and spending, and the drain
     * marks, all from one snapshot: what a shared budget is seeded from.
     */
    BudgetSeed budgetSeed(Optional<String> keyHash, String accountId, LocalDate today);

    /** The same, with the figures and limits of the workspace (if {@code workspaceId} is given) from that snapshot. */
    BudgetSeed budgetSeed(Optional<String> keyHash, Optional<String> workspaceId, String accountId, LocalDate today);

    /** Per day, model and endpoint, for the account's generations from {@code from} to {@code to} inclusive. */
    List<ActivityRow> activity(String accountId, LocalDate from, LocalDate to);

    /**
     * The same, each row split further by app or by session, summed from the generations themselves (the daily
     * aggregates do not keep apps or sessions).
     */
    List<ActivityRow> activity(String accountId, LocalDate from, LocalDate to, ActivityRow.Grouping grouping);

    /**
     * The same, summed from the generations, optionally split further and optionally only the generations of one
     * workspace's keys (a generation's workspace is its key's).
     */
    List<ActivityRow> activity(String accountId, LocalDate from, LocalDate to, Optional<ActivityRow.Grouping> grouping,
                               Optional<String> workspaceId);

    /** Usage per time bucket and group, oldest bucket first; buckets without usage have no rows. */
    List<UsageBucket> usageSeries(UsageSeriesQuery query);
}
