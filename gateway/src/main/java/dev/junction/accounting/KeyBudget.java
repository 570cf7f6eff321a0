package dev.junction.accounting;

import dev.junction.money.Money;
import dev.junction.keys.LimitReset;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One key's running spending and outstanding holds. Period counters roll over at UTC day, Monday and
 * month boundaries. Guarded by its own monitor: callers synchronise on the instance.
 */
final class KeyBudget {
    private Money total;
    private Money daily;
    private Money weekly;
    private Money monthly;
    private LocalDate day;
    Money held = Money.ZERO;

    KeyBudget(Spending loaded, LocalDate today) {
        this.total = loaded.total();
        this.daily = loaded.daily();
        this.weekly = loaded.weekly();
        this.monthly = loaded.monthly();
        this.day = today;
    }

    void roll(LocalDate today) {
        if (today.equals(day)) {
            return;
        }
        daily = Money.ZERO;
        if (!UsagePeriods.weekStart(today).equals(UsagePeriods.weekStart(day))) {
            weekly = Money.ZERO;
        }
        if (!UsagePeriods.monthStart(today).equals(UsagePeriods.monthStart(day))) {
            monthly = Money.ZERO;
        }
        day = today;
    }

    void charge(Money amount) {
        total = total.plus(amount);
        daily = daily.plus(amount);
        weekly = weekly.plus(amount);
        monthly = monthly.plus(amount);
    }

    /** What counts against the limit: the current period's spending, or all of it without a reset. */
    Money limitUsage(Optional<LimitReset> reset) {
        return spending().limitUsage(reset);
    }

    Spending spending() {
        return new Spending(total, daily, weekly, monthly);
    }
}
