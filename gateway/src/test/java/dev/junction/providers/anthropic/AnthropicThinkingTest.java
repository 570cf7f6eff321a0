package dev.junction.providers.anthropic;

import dev.junction.wire.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicThinkingTest {

    private static ObjectNode request(String json) {
        return (ObjectNode) Json.parse(json);
    }

    @ParameterizedTest(name = "effort {0} of max_tokens {1} → budget {2}")
    @CsvSource({
            "max, 20000, 19000",
            "xhigh, 20000, 19000",
            "high, 20000, 16000",
            "medium, 20000, 10000",
            "low, 20000, 4000",
            "minimal, 20000, 2000",
            "someday, 20000, 10000",
            "high, 64000, 32000",   // effort budgets are capped at 32000
            "minimal, 4096, 1024",  // and raised to Anthropic's minimum
    })
    void effortIsAShareOfMaxTokens(String effort, int maxTokens, int budget) {
        var plan = AnthropicThinking.plan(request("{\"reasoning\":{\"effort\":\"" + effort + "\"}}"), maxTokens,
                OptionalInt.empty());

        assertThat(plan.thinking()).hasValueSatisfying(t -> {
            assertThat(t.path("type").asString()).isEqualTo("enabled");
            assertThat(t.path("budget_tokens").asInt()).isEqualTo(budget);
        });
        assertThat(plan.maxTokens()).isEqualTo(maxTokens);
    }

    @Test
    void theShorthandReasoningEffortCountsToo() {
        var plan = AnthropicThinking.plan(request("{\"reasoning_effort\":\"low\"}"), 10000, OptionalInt.empty());

        assertThat(plan.thinking().orElseThrow().path("budget_tokens").asInt()).isEqualTo(2000);
    }

    @Test
    void noReasoningDisabledReasoningAndEffortNoneLeaveThinkingOff() {
        for (String json : new String[] {"{}", "{\"reasoning\":{\"enabled\":false,\"effort\":\"high\"}}",
                "{\"reasoning\":{\"effort\":\"none\"}}", "{\"reasoning\":{\"exclude\":true}}"}) {
            var plan = AnthropicThinking.plan(request(json), 4096, OptionalInt.empty());
            assertThat(plan.thinking()).as(json).isEmpty();
            assertThat(plan.maxTokens()).as(json).isEqualTo(4096);
        }
    }

    @Test
    void anExplicitBudgetLargerThanMaxTokensGrowsMaxTokensByTheAnswerLength() {
        var plan = AnthropicThinking.plan(request("{\"reasoning\":{\"max_tokens\":5000}}"), 1000, OptionalInt.empty());

        assertThat(plan.thinking().orElseThrow().path("budget_tokens").asInt()).isEqualTo(5000);
        assertThat(plan.maxTokens()).isEqualTo(6000);
    }

    @Test
    void growthStopsAtTheEndpointLimitAndTheBudgetShrinksBelowIt() {
        var plan = AnthropicThinking.plan(request("{\"reasoning\":{\"max_tokens\":9000}}"), 4000, OptionalInt.of(8192));

        assertThat(plan.maxTokens()).isEqualTo(8192);
        assertThat(plan.thinking().orElseThrow().path("budget_tokens").asInt()).isEqualTo(8191);
    }

    @Test
    void anEndpointTooSmallForTheMinimumBudgetGetsNoThinking() {
        var plan = AnthropicThinking.plan(request("{\"reasoning\":{\"effort\":\"high\"}}"), 1000, OptionalInt.of(1000));

        assertThat(plan.thinking()).isEmpty();
        assertThat(plan.maxTokens()).isEqualTo(1000);
    }

    @Test
    void aBudgetBeyondTheIntRangeIsBoundedByTheEndpointsOutputLimit() {
        var plan = AnthropicThinking.plan(request("{\"reasoning\":{\"max_tokens\":1099511627776}}"), 64000,
                OptionalInt.of(64000));

        assertThat(plan.thinking()).hasValueSatisfying(t -> assertThat(t.path("budget_tokens").asInt()).isEqualTo(63999));
        assertThat(plan.maxTokens()).isEqualTo(64000);
    }

    @Test
    void aBudgetBeyondTheIntRangeWithoutAnOutputLimitStaysWithinInt() {
        var plan = AnthropicThinking.plan(request("{\"reasoning\":{\"max_tokens\":123456789012345678901234567890}}"),
                4096, OptionalInt.empty());

        assertThat(plan.thinking()).hasValueSatisfying(t ->
                assertThat(t.path("budget_tokens").asInt()).isEqualTo(Integer.MAX_VALUE - 1));
        assertThat(plan.maxTokens()).isEqualTo(Integer.MAX_VALUE);
    }
}
