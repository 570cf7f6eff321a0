package dev.junction.accounting;

import dev.junction.money.Money;

/** Settled spending: all time and in the current UTC day, week (from Monday) and month. */
public record Spending(Money total, Money daily, Money weekly, Money monthly) {
    public static final Spending ZERO = new Spending(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    /** What counts against a key's limit: the current period's spending, or all of it without a reset. */
    public Money limitUsage(java.util.Optional<dev.junction.keys.LimitReset> reset) {
        return reset.map(r -> switch (r) {
            case DAILY -> daily;
            case WEEKLY -> weekly;
            case MONTHLY -> monthly;
        }).orElse(total);
    }
}
