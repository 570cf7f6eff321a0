package dev.junction.store;

import dev.junction.accounting.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * Recorded usage, credits and activity. Blocking JDBC: call off the event loops. Figures include every
 * generation the {@link UsageRecorder} has committed to the database.
 */
public interface UsageRepository {
    /** A key's spending, with periods taken relative to {@code today} (UTC). */
    UsageTotals keyUsage(String keyHash, LocalDate today);

    /** The account's spending across all its keys. */
    UsageTotals accountUsage(String accountId, LocalDate today);

    /** Adds credits to the account's balance. */
    void grantCredits(String accountId, Money amount, String note);

    Money totalCredits(String accountId);

    /** Per day, model and endpoint, for the account's generations from {@code from} to {@code to} inclusive. */
    List<ActivityRow> activity(String accountId, LocalDate from, LocalDate to);
}
