package dev.junction.accounting;

import dev.junction.money.Money;
import dev.junction.keys.ApiKey;

/**
 * Credit reserved for one request's worst case. Settled to the exact cost, or released, exactly once — by
 * the generation that owns it ({@code generation.Generation}), the one place that decides a generation is
 * over; the ledger trusts that.
 *
 * @param id where the hold lives: {@link #LOCAL}, or its id in the shared store
 */
public record Hold(ApiKey key, Money amount, String id) {
    /** The id of a hold kept in this process's memory rather than in a shared store. */
    public static final String LOCAL = "local";

    public boolean isLocal() {
        return LOCAL.equals(id);
    }
}
