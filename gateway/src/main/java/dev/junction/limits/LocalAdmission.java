package dev.junction.limits;

import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.Hold;
import dev.junction.accounting.Money;
import dev.junction.keys.ApiKey;
import io.vertx.core.Future;

import java.util.List;

/** Admission for a single instance: the in-memory limiter, then the in-memory ledger. */
public final class LocalAdmission implements Admission {
    private final LocalRateLimiter limiter;
    private final CreditLedger ledger;

    public LocalAdmission(LocalRateLimiter limiter, CreditLedger ledger) {
        this.limiter = limiter;
        this.ledger = ledger;
    }

    @Override
    public Future<Hold> admit(ApiKey key, List<RateRule> rules, Money worstCase) {
        try {
            limiter.acquire(rules);
        } catch (RateLimitedException e) {
            return Future.failedFuture(e);
        }
        return ledger.hold(key, worstCase);
    }
}
