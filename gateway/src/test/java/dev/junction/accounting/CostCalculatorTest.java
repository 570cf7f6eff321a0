package dev.junction.accounting;

import dev.junction.money.Money;
import dev.junction.catalog.Pricing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostCalculatorTest {
    private static Pricing pricing(String prompt, String completion, String request, String image, String web,
                                   String reasoning, String cacheRead, String cacheWrite) {
        return new Pricing(Money.ofUsd(prompt), Money.ofUsd(completion), Money.ofUsd(request), Money.ofUsd(image),
                Money.ofUsd(web), Optional.ofNullable(reasoning).map(Money::ofUsd), Money.ofUsd(cacheRead),
                Money.ofUsd(cacheWrite));
    }

    private static final Pricing GPT = pricing("0.00000015", "0.0000006", "0", "0", "0", null, "0.000000075", "0.00000015");

    @Test
    void promptAndCompletionTokensAtTheirPrices() {
        Money cost = CostCalculator.cost(GPT, new TokenUsage(1000, 500, 0, 0, 0, false), 0, 0).total();
        // 1000 × 0.15/M + 500 × 0.6/M = 0.00015 + 0.0003
        assertThat(cost.toUsd()).isEqualByComparingTo("0.00045");
    }

    @Test
    void cachedTokensAreBilledOnceAtTheCacheReadPrice() {
        Money cost = CostCalculator.cost(GPT, new TokenUsage(1000, 0, 400, 0, 0, false), 0, 0).total();
        // 600 × 0.15/M + 400 × 0.075/M = 0.00009 + 0.00003
        assertThat(cost.toUsd()).isEqualByComparingTo("0.00012");
    }

    @Test
    void cacheWritesAtTheCacheWritePrice() {
        Pricing claude = pricing("0.000003", "0.000015", "0", "0", "0", null, "0.0000003", "0.00000375");
        Money cost = CostCalculator.cost(claude, new TokenUsage(3000, 100, 1000, 1000, 0, false), 0, 0).total();
        // 1000 × 3/M + 1000 × 0.3/M + 1000 × 3.75/M + 100 × 15/M
        assertThat(cost.toUsd()).isEqualByComparingTo("0.00855");
    }

    @Test
    void reasoningTokensUseTheInternalReasoningPriceWhenDefined() {
        Pricing withReasoning = pricing("0", "0.00001", "0", "0", "0", "0.00002", "0", "0");
        Money cost = CostCalculator.cost(withReasoning, new TokenUsage(0, 100, 0, 0, 40, false), 0, 0).total();
        assertThat(cost.toUsd()).isEqualByComparingTo("0.0014"); // 60 × 10/M + 40 × 20/M
        Money asCompletion = CostCalculator.cost(GPT, new TokenUsage(0, 100, 0, 0, 40, false), 0, 0).total();
        assertThat(asCompletion.toUsd()).isEqualByComparingTo("0.00006");
    }

    @Test
    void requestImageAndWebSearchPrices() {
        Pricing p = pricing("0", "0", "0.001", "0.0025", "0.004", null, "0", "0");
        Money cost = CostCalculator.cost(p, TokenUsage.NONE, 2, 5).total();
        assertThat(cost.toUsd()).isEqualByComparingTo("0.026");
    }

    @Test
    void inconsistentUpstreamCountsNeverChargeNegatively() {
        Money cost = CostCalculator.cost(GPT, new TokenUsage(100, 10, 500, 0, 50, false), 0, 0).total();
        assertThat(cost.isNegative()).isFalse();
        assertThat(cost.toUsd()).isEqualByComparingTo(new BigDecimal("0.0000135")); // 100 cached + 10 completion
    }

    @Test
    void costSplitsIntoInputOutputAndFees() {
        Pricing p = pricing("0.000001", "0.000002", "0.01", "0.5", "0.004", null, "0", "0");
        Cost cost = CostCalculator.cost(p, new TokenUsage(10, 5, 0, 0, 0, false), 1, 2);
        assertThat(cost.prompt().toUsd()).isEqualByComparingTo("0.50001");
        assertThat(cost.completion().toUsd()).isEqualByComparingTo("0.00001");
        assertThat(cost.fees().toUsd()).isEqualByComparingTo("0.018");
        assertThat(cost.total().toUsd()).isEqualByComparingTo("0.51802");
    }

    @Test
    void subNanoPricesStayExact() {
        Pricing tiny = pricing("0.0000000025", "0", "0", "0", "0", null, "0", "0");
        Money cost = CostCalculator.cost(tiny, new TokenUsage(3, 0, 0, 0, 0, false), 0, 0).total();
        assertThat(cost.toUsd()).isEqualByComparingTo("0.0000000075");
    }

    @Test
    void moneyRefusesAmountsItCannotHoldExactly() {
        assertThatThrownBy(() -> Money.ofUsd("0.0000000000001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofUsd("10000000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofUsd("9000000").times(2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void estimatedUsageIsAboutFourCharactersPerToken() {
        TokenUsage estimate = TokenUsage.estimate(400, 10);
        assertThat(estimate.promptTokens()).isEqualTo(100);
        assertThat(estimate.completionTokens()).isEqualTo(3);
        assertThat(estimate.estimated()).isTrue();
    }
}
