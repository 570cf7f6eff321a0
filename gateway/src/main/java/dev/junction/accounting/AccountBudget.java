package dev.junction.accounting;

import dev.junction.money.Money;

/** An account's credits, settled usage and outstanding holds. Guarded by its own monitor. */
final class AccountBudget {
    Money credits;
    Money usage;
    Money held = Money.ZERO;

    AccountBudget(Money credits, Money usage) {
        this.credits = credits;
        this.usage = usage;
    }

    Money available() {
        return credits.minus(usage).minus(held);
    }
}
