package dev.junction.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentDecodingTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "plain             | plain",
            "a%20b             | a b",
            "a+b               | a+b",
            "%2Fslash%2f       | /slash/",
            "caf%C3%A9         | café",
            "100%25            | 100%",
            "''                | ''"})
    void decodesAsRfc3986(String encoded, String text) {
        assertThat(PercentDecoding.text(encoded)).isEqualTo(text);
        PercentDecoding.check(encoded);
    }

    @Test
    void bytesThatAreNotUtf8SurviveAsBytes() {
        assertThat(PercentDecoding.bytes("%FF%00é")).containsExactly(0xFF, 0x00, 0xC3, 0xA9);
        assertThat(PercentDecoding.text("%FF")).isEqualTo("\uFFFD");
        assertThat(PercentDecoding.bytes("é")).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "%zz       | %zz",
            "ab%       | %",
            "ab%4      | %4",
            "%4g       | %4g",
            "%+1       | %+1",
            "ok%20%z1x | %z1",
            "%%41      | %%4"})
    void malformedEscapesAreNamed(String encoded, String escape) {
        assertThatThrownBy(() -> PercentDecoding.text(encoded))
                .isInstanceOfSatisfying(PercentDecoding.MalformedEscapeException.class,
                        e -> assertThat(e.escape()).isEqualTo(escape))
                .hasMessageContaining("malformed %-escape '" + escape + "'");
        assertThatThrownBy(() -> PercentDecoding.check(encoded))
                .isInstanceOfSatisfying(PercentDecoding.MalformedEscapeException.class,
                        e -> assertThat(e.escape()).isEqualTo(escape));
    }
}
