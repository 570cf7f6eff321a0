package dev.junction.accounting;

import dev.junction.keys.LimitReset;

import java.util.Locale;
import java.util.Optional;

/** How often a workspace budget starts over: as a key limit does (UTC day, Monday, month), or never ({@code lifetime}). */
public enum BudgetInterval {
    DAILY(Optional.of(LimitReset.DAILY)),
    WEEKLY(Optional.of(LimitReset.WEEKLY)),
    MONTHLY(Optional.of(LimitReset.MONTHLY)),
    LIFETIME(Optional.empty());

    private final Optional<LimitReset> reset;

    BudgetInterval(Optional<LimitReset> reset) {
        this.reset = reset;
    }

    /** The key-limit period it counts spending in; empty for {@code lifetime}, which counts all of it. */
    public Optional<LimitReset> reset() {
        return reset;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BudgetInterval> parse(String text) {
        for (BudgetInterval i : values()) {
            if (i.wireName().equals(text)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
