package dev.junction.limits;

import dev.junction.accounting.Hold;
import dev.junction.money.Money;
import dev.junction.keys.ApiKey;
import io.vertx.core.Future;

import java.util.List;

/**
 * Lets a request in: checks its rate limits and holds its worst-case cost, in that order, as one step.
 * Fails with {@link RateLimitedException} (429) or
 * {@link dev.junction.accounting.InsufficientCreditsException} (402). A refused request, whichever the
 * refusal, counts against none of its rate limits: they are committed only with the hold.
 */
public interface Admission {
    Future<Hold> admit(ApiKey key, List<RateRule> rules, Money worstCase);
}
