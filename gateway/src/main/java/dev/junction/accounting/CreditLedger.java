package dev.junction.accounting;

import dev.junction.money.Money;
import dev.junction.keys.ApiKey;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * Credit holds and running spending: a request reserves its worst-case cost before the upstream call
 * and the hold is settled to the exact cost (or released) when it ends. One instance keeps this in
 * memory ({@link LocalCreditLedger}); a cluster shares it through Redis.
 */
public interface CreditLedger {

    /**
     * Reserves {@code worstCase} for a request of {@code key}. Fails with
     * {@link InsufficientCreditsException} when the key's remaining limit or the account's balance
     * cannot cover it.
     */
    Future<Hold> hold(ApiKey key, Money worstCase);

    /**
     * Replaces the hold with the exact cost of the generation {@code generationId} (the id its usage record
     * carries, by which a cluster recognises the charge when it reconciles after an outage). A cost above
     * the hold is still charged in full. Called once per hold, by its generation; the ledger does not guard
     * against a second call.
     */
    void settle(Hold hold, Money actual, String generationId);

    /**
     * The same, saying whether the endpoint that served was called with the account's own provider key (BYOK):
     * such spending counts toward the key's workspace budgets only when the workspace says so.
     */
    default void settle(Hold hold, Money actual, String generationId, boolean byok) {
        settle(hold, actual, generationId);
    }

    /** Frees the hold without a charge: nothing was produced (and nothing is recorded). */
    void release(Hold hold);

    /** The key's settled spending, as of now. */
    Future<Spending> spending(ApiKey key);

    /** The account's credits and settled usage, as of now. */
    Future<AccountSpending> account(String accountId);

    /**
     * Records credits just granted in the store, so the balance reflects them at once: the future completes
     * when every instance sharing this ledger sees them (a grant's answer waits for it).
     */
    Future<Void> granted(String accountId, Money amount);

    /**
     * The workspace's budgets changed (just stored): every later hold of its keys is held to {@code limits}. The
     * future completes when every instance sharing this ledger holds to them (the change's answer waits for it).
     */
    Future<Void> workspaceChanged(String workspaceId, WorkspaceLimits limits);

    /** Re-reads the credits of known accounts, picking up grants made outside this process (the CLI). Blocking. */
    void refreshCreditsBlocking();

    /**
     * Whether a charge counts toward its key's limit and spending periods: always, but for one made with the account's
     * own provider key (BYOK) when the key says not to ({@code include_byok_in_limit: false}, OpenRouter's default).
     * The account's usage counts it either way.
     */
    static boolean countsTowardKeyLimit(ApiKey key, boolean byok) {
        return !byok || key.includeByokInLimit();
    }

    /** The remaining limit of a key, or empty without a limit. */
    default Future<Optional<Money>> limitRemaining(ApiKey key) {
        if (key.limit().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return spending(key).map(s -> limitRemaining(key, s));
    }

    /** The remaining limit of a key that has spent {@code spending}, or empty without a limit. */
    static Optional<Money> limitRemaining(ApiKey key, Spending spending) {
        return key.limit().map(limit -> {
            Money remaining = limit.minus(spending.limitUsage(key.limitReset()));
            return remaining.isNegative() ? Money.ZERO : remaining;
        });
    }

    /** An account's credits and settled usage. */
    record AccountSpending(Money credits, Money usage) {
        /** What is left to spend: credits minus settled usage (outstanding holds not counted). */
        public Money balance() {
            return credits.minus(usage);
        }
    }
}
