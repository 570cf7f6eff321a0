package dev.junction.limits;

import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.CreditLedger.AccountSpending;
import dev.junction.money.Money;
import dev.junction.config.LimitsConfig;
import dev.junction.keys.ApiKey;
import dev.junction.config.RateLimit;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The rate rules of a request, from the {@link RateLimitPolicy} and the account's balance. A limit that
 * grows with the balance needs only a recent balance, so balances are cached for a few seconds rather
 * than read on every request (in a cluster that read would be a second round trip to Redis).
 */
public final class RateLimits {
    private static final long BALANCE_MAX_AGE_NANOS = 5_000_000_000L;
    private static final AccountSpending NO_ACCOUNT = new AccountSpending(Money.ZERO, Money.ZERO);

    private final RateLimitPolicy policy;
    private final CreditLedger ledger;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Cached> balances = new ConcurrentHashMap<>();

    public RateLimits(LimitsConfig config, boolean enforceBalance, CreditLedger ledger, LongSupplier nanoTime) {
        this.policy = new RateLimitPolicy(config, enforceBalance);
        this.ledger = ledger;
        this.nanoTime = nanoTime;
    }

    public Future<List<RateRule>> rules(ApiKey key, boolean freeModel) {
        if (!freeModel && !policy.keyLimitDependsOnBalance(key)) {
            return Future.succeededFuture(policy.rules(key, NO_ACCOUNT, false));
        }
        return balance(key.accountId()).map(account -> policy.rules(key, account, freeModel));
    }

    /** The key's request rate limit and the account's daily free-model allowance, as {@code /key} shows them. */
    public Future<Shown> shown(ApiKey key) {
        return balance(key.accountId()).map(account -> new Shown(policy.keyLimit(key, account), policy.freePerDay(account)));
    }

    public record Shown(Optional<RateLimit> keyLimit, int freePerDay) {}

    private Future<AccountSpending> balance(String accountId) {
        long now = nanoTime.getAsLong();
        Cached cached = balances.get(accountId);
        if (cached != null && now - cached.at < BALANCE_MAX_AGE_NANOS) {
            return Future.succeededFuture(cached.account);
        }
        if (cached != null) {
            // The stale balance serves (and counts as fresh, so one refresh runs) while the new one is read.
            balances.put(accountId, new Cached(cached.account, now));
        }
        Future<AccountSpending> fresh = ledger.account(accountId).onSuccess(a -> balances.put(accountId, new Cached(a, now)));
        return cached != null ? Future.succeededFuture(cached.account) : fresh;
    }

    private record Cached(AccountSpending account, long at) {}
}
