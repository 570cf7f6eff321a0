package dev.junction.store;

import dev.junction.money.Money;

/**
 * An account's credits as recorded: their sum and how many grants make it. Grants are only ever added, so
 * of two readings the one with more grants is the newer: that is how shared copies of the figure (Redis)
 * keep the newest without comparing clocks.
 */
public record Credits(Money total, long grants) {}
