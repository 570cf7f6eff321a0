package dev.junction.providers;

import dev.junction.wire.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** An upstream's token counts are billed, so anything that is not a plausible count reads as absent, never throws. */
class TokenCountsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0", "7, 7", "1e5, 100000", "2.0, 2", "2147483647, 2147483647"})
    void countsAreRead(String json, long count) {
        assertThat(TokenCounts.of(Json.parse(json))).hasValue(count);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-1", "-0.5", "1.5", "1e999", "-1e999", "2147483648", "9223372036854775807",
            "99999999999999999999", "\"12\"", "null", "true", "[]", "{}"})
    void anythingElseIsNoCount(String json) {
        assertThat(TokenCounts.of(Json.parse(json))).isEmpty();
        assertThat(TokenCounts.orElse(Json.parse(json), 3)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e400", "12345678901234567890.0"})
    void exactDecimalsBeyondTheRangeAreNoCount(String json) {
        assertThat(TokenCounts.of(Json.parseExact(json.getBytes()))).isEmpty();
    }
}
