package dev.junction.keys;

import java.util.Locale;
import java.util.Optional;

/** When a key's spending limit starts over, in UTC: each day, each week (from Monday), each month. */
public enum LimitReset {
    DAILY,
    WEEKLY,
    MONTHLY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LimitReset> parse(String text) {
        for (LimitReset r : values()) {
            if (r.wireName().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
