package dev.junction.providers.openai;

import dev.junction.accounting.TokenUsage;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** An upstream's usage is read without trusting it: counts no model produces are ignored, not thrown on or billed. */
class OpenAiUsageTest {

    @Test
    void ordinaryUsageIsRead() {
        assertThat(OpenAiUsage.parse(Json.parse("""
                {"prompt_tokens":10,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":4},
                 "completion_tokens_details":{"reasoning_tokens":2}}""")))
                .hasValue(new TokenUsage(10, 5, 4, 0, 2, false));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e999", "99999999999999999999", "9223372036854775807", "-7", "\"lots\""})
    void implausibleCountsAreIgnored(String count) {
        assertThat(OpenAiUsage.parse(Json.parse("{\"prompt_tokens\":%s,\"completion_tokens\":%s}".formatted(count, count))))
                .isEmpty();
        assertThat(OpenAiUsage.parse(Json.parse(("{\"prompt_tokens\":3,\"completion_tokens\":%s,\"prompt_tokens_details\":"
                + "{\"cached_tokens\":%s}}").formatted(count, count)))).hasValue(new TokenUsage(3, 0, 0, 0, 0, false));
    }
}
