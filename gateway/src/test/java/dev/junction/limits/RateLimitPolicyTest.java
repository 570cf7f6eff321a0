package dev.junction.limits;

import dev.junction.accounting.CreditLedger.AccountSpending;
import dev.junction.money.Money;
import dev.junction.config.ConfigLoader;
import dev.junction.config.LimitsConfig;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyKind;
import dev.junction.config.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPolicyTest {
    private static final ApiKey KEY = key(Optional.empty());

    private static ApiKey key(Optional<RateLimit> own) {
        return new ApiKey("hash", "acct", "k", "sk-…", KeyKind.STANDARD, false, Optional.empty(), Optional.empty(), false,
                Instant.EPOCH, Optional.empty(), own);
    }

    private static LimitsConfig limits(String yaml) {
        return new ConfigLoader(Map.of()).parse("catalog: {bundled: false}\n" + yaml, "test").limits();
    }

    private static AccountSpending balance(String credits, String used) {
        return new AccountSpending(Money.ofUsd(credits), Money.ofUsd(used));
    }

    @Test
    void byDefaultAKeyGetsARequestPerSecondPerDollarOfBalanceWithinBounds() {
        RateLimitPolicy policy = new RateLimitPolicy(limits(""), true);
        assertThat(policy.keyLimit(KEY, balance("0.5", "0"))).contains(new RateLimit(1, Duration.ofSeconds(1)));
        assertThat(policy.keyLimit(KEY, balance("10", "5"))).contains(new RateLimit(5, Duration.ofSeconds(1)));
        assertThat(policy.keyLimit(KEY, balance("10", "0"))).contains(new RateLimit(10, Duration.ofSeconds(1)));
        assertThat(policy.keyLimit(KEY, balance("5000", "0"))).contains(new RateLimit(500, Duration.ofSeconds(1)));
        assertThat(policy.keyLimit(KEY, balance("1", "3"))).contains(new RateLimit(1, Duration.ofSeconds(1)));
    }

    @Test
    void aKeysOwnLimitWinsAndOperatorsCanChooseAFixedDefaultOrNone() {
        RateLimit own = new RateLimit(3, Duration.ofSeconds(10));
        assertThat(new RateLimitPolicy(limits(""), true).keyLimit(key(Optional.of(own)), balance("100", "0"))).contains(own);
        assertThat(new RateLimitPolicy(limits("limits: {key-default: 100/10s}"), true).keyLimit(KEY, balance("1", "0")))
                .contains(new RateLimit(100, Duration.ofSeconds(10)));
        assertThat(new RateLimitPolicy(limits("limits: {key-default: none}"), true).keyLimit(KEY, balance("1", "0"))).isEmpty();
        // Without enforced balances credits mean nothing, so they set no rate either.
        assertThat(new RateLimitPolicy(limits(""), false).keyLimit(KEY, balance("0", "0"))).isEmpty();
    }

    @Test
    void freeModelsCountAgainstTheAccountsPerMinuteAndDailyLimitsHigherOncePaid() {
        RateLimitPolicy policy = new RateLimitPolicy(limits("limits: {key-default: none}"), true);
        List<RateRule> unpaid = policy.rules(KEY, balance("9.99", "0"), true);
        assertThat(unpaid).extracting(RateRule::scope, RateRule::requests, RateRule::interval).containsExactly(
                org.assertj.core.groups.Tuple.tuple("free-minute:acct", 20, Duration.ofMinutes(1)),
                org.assertj.core.groups.Tuple.tuple("free-day:acct", 50, Duration.ofDays(1)));
        assertThat(policy.rules(KEY, balance("10", "9"), true)).extracting(RateRule::requests).containsExactly(20, 1000);
        assertThat(policy.rules(KEY, balance("10", "0"), false)).isEmpty();
    }

    @Test
    void badLimitSettingsAreRefusedAtStartNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits("limits: {key-default: lots}"))
                .hasMessageContaining("limits.key-default").hasMessageContaining("100/10s");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits("limits: {credit-rate-min: 10, credit-rate-max: 5}"))
                .hasMessageContaining("limits.credit-rate-max");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfigLoader(Map.of())
                        .parse("catalog: {bundled: false}\ncluster: {redis-url: 'http://x', on-outage: maybe}", "test"))
                .hasMessageContaining("cluster.redis-url").hasMessageContaining("cluster.on-outage");
    }
}
