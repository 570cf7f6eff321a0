package dev.junction.e2e.fuzz;

/** Who a fuzzed request claims to be: the key it carries, or what it carries instead of one. */
public enum Role {
    /** The gateway's configured key: standard, no limit, in the main account. */
    TEST,
    /** A standard key with a generous limit. */
    LEDGER_A,
    /** A standard key with a small daily limit, exhausted as the run goes on. */
    LEDGER_B,
    /** Standard keys the run itself renames, limits, disables and deletes through the API while using them. */
    PAWN,
    /** A standard key whose limit (one pico-dollar) can pay for nothing. */
    DOOMED,
    /** A standard key of an account with no credits. */
    BROKE,
    /** A standard key of its own account, for clients that hang up before any answer (what they cost is unseen). */
    CHAOS,
    /** The main account's provisioning key. */
    ADMIN,
    /** A provisioning key of the account with no credits: someone else's admin to the main account. */
    BROKE_ADMIN,
    /** A standard key disabled before the run. */
    DISABLED,
    /** A standard key deleted before the run. */
    DELETED,
    /** An Authorization header that is not a key of this gateway. */
    GARBAGE,
    /** No Authorization header. */
    NONE;

    /** Keys that may call models and whose spending every answer reports, so the run can total it exactly. */
    public boolean accountable() {
        return this == TEST || this == LEDGER_A || this == LEDGER_B || this == PAWN;
    }

    /** Never accepted by a route that needs a key, whatever the route. */
    public boolean invalidKey() {
        return this == DISABLED || this == DELETED || this == GARBAGE || this == NONE;
    }

    public boolean provisioning() {
        return this == ADMIN || this == BROKE_ADMIN;
    }
}
