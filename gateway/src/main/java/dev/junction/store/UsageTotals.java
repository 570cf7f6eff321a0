package dev.junction.store;

import dev.junction.accounting.Money;

/**
 * What a key (or an account) has spent: all time, and in the current UTC day, week (from Monday) and
 * month. BYOK usage is tracked apart (Junction has no BYOK yet: always zero).
 */
public record UsageTotals(Money total, Money daily, Money weekly, Money monthly) {
    public static final UsageTotals ZERO = new UsageTotals(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
}
