package dev.junction.accounting;

import dev.junction.money.Money;

/** A request's worst-case cost does not fit the key's remaining limit, its workspace's budget or the account's balance: a 402. */
public final class InsufficientCreditsException extends RuntimeException {
    public InsufficientCreditsException(String message) {
        super(message, null, false, false);
    }

    /** The key's remaining limit cannot cover the request's worst case. */
    public static InsufficientCreditsException keyLimit(dev.junction.keys.ApiKey key, Money worstCase, Money remaining) {
        return new InsufficientCreditsException("Key limit exceeded: this request could cost up to " + worstCase
                + " but the key has " + nonNegative(remaining) + " left of its " + key.limit().orElse(Money.ZERO) + " limit"
                + key.limitReset().map(r -> " (" + r.wireName() + ")").orElse("")
                + ". Lower max_tokens or raise the key's limit.");
    }

    /** The remaining budget of the key's workspace for {@code interval} cannot cover the request's worst case. */
    public static InsufficientCreditsException workspaceBudget(String workspaceId, BudgetInterval interval, Money limit,
                                                               Money worstCase, Money remaining) {
        return new InsufficientCreditsException("Workspace budget exceeded: this request could cost up to " + worstCase
                + " but workspace " + workspaceId + " has " + nonNegative(remaining) + " left of its " + interval.wireName()
                + " budget of " + limit + ". Lower max_tokens or raise the workspace's budget.");
    }

    /** The account's available balance cannot cover the request's worst case. */
    public static InsufficientCreditsException balance(Money worstCase, Money available) {
        return new InsufficientCreditsException("Insufficient credits: this request could cost up to " + worstCase
                + " but the account has " + nonNegative(available) + " available. Add credits, or send fewer max_tokens.");
    }

    private static Money nonNegative(Money m) {
        return m.isNegative() ? Money.ZERO : m;
    }
}
