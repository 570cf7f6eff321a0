package dev.junction.limits;

import dev.junction.accounting.Hold;
import dev.junction.accounting.LocalCreditLedger;
import dev.junction.money.Money;
import dev.junction.keys.ApiKey;
import io.vertx.core.Future;

import java.util.List;

/**
 * Admission for a single instance: the in-memory limiter and the in-memory ledger, decided together. The
 * credit hold is taken inside the limiter's check-and-commit, so a request refused for credit (402) counts
 * against none of its rate limits, and no request on another event loop can take a rate allowance between
 * the check and the commit.
 */
public final class LocalAdmission implements Admission {
    private final LocalRateLimiter limiter;
    private final LocalCreditLedger ledger;

    public LocalAdmission(LocalRateLimiter limiter, LocalCreditLedger ledger) {
        this.limiter = limiter;
        this.ledger = ledger;
    }

    @Override
    public Future<Hold> admit(ApiKey key, List<RateRule> rules, Money worstCase) {
        // The budgets load first (once per key) so that the decision itself never waits.
        return ledger.holdWhenLoaded(key, worstCase).map(hold -> limiter.acquire(rules, hold));
    }
}
