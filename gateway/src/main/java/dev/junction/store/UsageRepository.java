package dev.junction.store;

import dev.junction.accounting.SpendingHistory;
import dev.junction.money.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * Recorded usage, credits and activity. Blocking JDBC: call off the event loops. Figures include every
 * generation the {@link UsageRecorder} has committed to the database.
 */
public interface UsageRepository extends SpendingHistory {
    /** Adds credits to the account's balance. */
    void grantCredits(String accountId, Money amount, String note);

    /** Per day, model and endpoint, for the account's generations from {@code from} to {@code to} inclusive. */
    List<ActivityRow> activity(String accountId, LocalDate from, LocalDate to);

    /**
     * The same, each row split further by app or by session, summed from the generations themselves (the daily
     * aggregates do not keep apps or sessions).
     */
    List<ActivityRow> activity(String accountId, LocalDate from, LocalDate to, ActivityRow.Grouping grouping);
}
