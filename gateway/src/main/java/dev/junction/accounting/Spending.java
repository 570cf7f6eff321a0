package dev.junction.accounting;

/** Settled spending: all time and in the current UTC day, week (from Monday) and month. */
public record Spending(Money total, Money daily, Money weekly, Money monthly) {
    public static final Spending ZERO = new Spending(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
}
