package dev.junction.providers.anthropic;

import dev.junction.accounting.TokenUsage;
import dev.junction.wire.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Anthropic's usage is read without trusting it: counts no model produces are ignored, not thrown on or billed. */
class AnthropicUsageTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e999", "99999999999999999999", "9223372036854775807", "-7", "\"lots\""})
    void implausibleCountsAreIgnored(String count) {
        assertThat(AnthropicUsage.parse(Json.parse("{\"input_tokens\":%s,\"output_tokens\":%s}".formatted(count, count))))
                .isEmpty();
        assertThat(AnthropicUsage.parse(Json.parse("{\"input_tokens\":4,\"output_tokens\":%s,\"cache_read_input_tokens\":%s}"
                .formatted(count, count)))).hasValue(new TokenUsage(4, 0, 0, 0, 0, false));
    }
}
