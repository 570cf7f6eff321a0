package dev.junction.limits;

import dev.junction.accounting.CreditLedger.AccountSpending;
import dev.junction.money.Money;
import dev.junction.config.LimitsConfig;
import dev.junction.keys.ApiKey;
import dev.junction.config.RateLimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which rate limits a request is subject to. A key's own {@code rate_limit} wins; otherwise the
 * configured default, which by default grows with the account's balance the way OpenRouter documents
 * it (a request per second per dollar, within bounds). Requests to {@code :free} models also count
 * against the account's free-model limits per minute and per day, the daily one higher once the account
 * has been granted enough credits.
 */
public final class RateLimitPolicy {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final LimitsConfig config;
    private final boolean enforceBalance;

    public RateLimitPolicy(LimitsConfig config, boolean enforceBalance) {
        this.config = config;
        this.enforceBalance = enforceBalance;
    }

    public List<RateRule> rules(ApiKey key, AccountSpending account, boolean freeModel) {
        List<RateRule> rules = new ArrayList<>(3);
        keyLimit(key, account).ifPresent(r -> rules.add(new RateRule("key:" + key.hash(), "this key", r.requests(), r.interval())));
        if (freeModel) {
            rules.add(new RateRule("free-minute:" + key.accountId(), "free models", config.freePerMinute(), MINUTE));
            rules.add(new RateRule("free-day:" + key.accountId(), "free models", freePerDay(account), DAY));
        }
        return rules;
    }

    /** The key's request rate limit, as {@code /key} reports it; empty when it has none. */
    public Optional<RateLimit> keyLimit(ApiKey key, AccountSpending account) {
        if (key.rateLimit().isPresent()) {
            return key.rateLimit();
        }
        return switch (config.keyDefault()) {
            case NONE -> Optional.empty();
            case FIXED -> config.fixedDefault();
            case CREDITS -> enforceBalance ? Optional.of(new RateLimit(creditRate(account.balance()), SECOND)) : Optional.empty();
        };
    }

    /** Whether {@link #keyLimit} needs the account's balance: only for the credit-scaled default. */
    public boolean keyLimitDependsOnBalance(ApiKey key) {
        return key.rateLimit().isEmpty() && config.keyDefault() == LimitsConfig.KeyDefault.CREDITS && enforceBalance;
    }

    /** Requests per daily window to free models for this account. */
    public int freePerDay(AccountSpending account) {
        return paid(account) ? config.freePerDayPaid() : config.freePerDay();
    }

    private boolean paid(AccountSpending account) {
        return account.credits().compareTo(config.freePaidThreshold()) >= 0;
    }

    /** One request per second per whole dollar of balance, within the configured bounds. */
    private int creditRate(Money balance) {
        BigDecimal dollars = balance.isNegative() ? BigDecimal.ZERO : balance.toUsd().setScale(0, RoundingMode.DOWN);
        long perSecond = dollars.min(BigDecimal.valueOf(config.creditRateMax())).longValue();
        return (int) Math.max(config.creditRateMin(), perSecond);
    }
}
