package dev.junction.providers.gemini;

import dev.junction.accounting.TokenUsage;
import dev.junction.wire.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Gemini's usage is read without trusting it: counts no model produces are ignored, not thrown on or billed. */
class GeminiUsageTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e999", "99999999999999999999", "9223372036854775807", "-7", "\"lots\""})
    void implausibleCountsAreIgnored(String count) {
        assertThat(GeminiUsage.parse(Json.parse("{\"promptTokenCount\":%s,\"candidatesTokenCount\":%s}"
                .formatted(count, count)))).isEmpty();
        assertThat(GeminiUsage.parse(Json.parse("{\"promptTokenCount\":4,\"candidatesTokenCount\":%s,\"thoughtsTokenCount\":%s}"
                .formatted(count, count)))).hasValue(new TokenUsage(4, 0, 0, 0, 0, false));
    }
}
