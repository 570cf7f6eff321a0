package dev.junction.accounting;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** The UTC periods usage is counted in: the day, the week starting Monday, the month. */
public final class UsagePeriods {
    private UsagePeriods() {}

    public static LocalDate day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    public static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public static LocalDate monthStart(LocalDate day) {
        return day.withDayOfMonth(1);
    }
}
