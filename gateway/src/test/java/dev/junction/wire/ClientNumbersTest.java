package dev.junction.wire;

import dev.junction.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client numbers of any size or shape JSON allows are read without overflow: a value, or a 400 naming the field. */
class ClientNumbersTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "1e999                      | must be a whole number between 1 and 2147483647",
            "-1e999                     | must be a whole number between 1 and 2147483647",
            "123456789012345678901234   | must be a whole number between 1 and 2147483647",
            "1e300                      | must be a whole number between 1 and 2147483647",
            "1099511627776              | must be at most 2147483647, got 1099511627776",
            "0                          | must be at least 1, got 0",
            "1.5                        | expected a whole number, got a number",
            "1e-400                     | must be at least 1, got 0",
            "\"7\"                      | expected a whole number, got a string"})
    void outOfRangeOrNotWholeIsAProblemNamingTheRange(String json, String problem) {
        assertThat(ClientNumbers.wholeNumberProblem(Json.parse(json), 1, Integer.MAX_VALUE)).hasValue(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1, 1", "2.0, 2", "1e5, 100000", "2147483647, 2147483647"})
    void wholeNumbersWrittenAnyWayAreRead(String json, long value) {
        assertThat(ClientNumbers.wholeNumber(Json.parse(json), "max_tokens", 1, Integer.MAX_VALUE)).isEqualTo(value);
        assertThat(ClientNumbers.wholeNumber(Json.parseExact(json.getBytes()), "max_tokens", 1, Integer.MAX_VALUE))
                .isEqualTo(value);
    }

    @Test
    void theWholeLongRangeIsReadAndNothingBeyond() {
        assertThat(ClientNumbers.wholeNumber(Json.parse("-9223372036854775808"), "seed", Long.MIN_VALUE, Long.MAX_VALUE))
                .isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> ClientNumbers.wholeNumber(Json.parse("9223372036854775808"), "seed", Long.MIN_VALUE,
                Long.MAX_VALUE))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("seed: must be a whole number between -9223372036854775808 and 9223372036854775807");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"1099511627776, 2147483647", "123456789012345678901234567890, 2147483647", "1e999, 2147483647",
            "-5, 1024", "-1e999, 1024", "0.5, 1024", "4096, 4096"})
    void clampingSaturatesInsteadOfOverflowing(String json, int clamped) {
        assertThat(ClientNumbers.clampedInt(Json.parse(json), 1024, Integer.MAX_VALUE)).isEqualTo(clamped);
    }

    @Test
    void moneyIsExactToThePicoDollar() {
        assertThat(ClientNumbers.money(Json.parseExact("0.000000000001".getBytes()), "limit"))
                .isEqualTo(Money.ofPicos(1));
        assertThat(ClientNumbers.money(Json.parseExact("1000000".getBytes()), "limit")).isEqualTo(Money.ofUsd("1000000"));
        assertThat(ClientNumbers.money(Json.parseExact("2.50000000000000000000".getBytes()), "limit"))
                .isEqualTo(Money.ofUsd("2.5"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "1e400                   | limit: must be at most 1000000 USD",
            "1000000.000000000001    | limit: must be at most 1000000 USD",
            "12345678901234567890123 | limit: must be at most 1000000 USD",
            "-1                      | limit: must not be negative",
            "0.1000000000000000001   | limit: at most 12 decimal places (amounts are exact to the pico-dollar)",
            "1e-400                  | limit: at most 12 decimal places (amounts are exact to the pico-dollar)"})
    void moneyOutOfBoundsOrTooPreciseIsRefused(String json, String message) {
        assertThatThrownBy(() -> ClientNumbers.money(Json.parseExact(json.getBytes()), "limit"))
                .isInstanceOf(InvalidRequestException.class).hasMessage(message);
    }

    @Test
    @Timeout(5)
    void hugeExponentsAreRefusedWithoutExpandingTheirDigits() {
        for (String json : new String[] {"1e999999999", "1e-999999999", "-1e999999999"}) {
            JsonNode exact = Json.parseExact(json.getBytes());
            assertThatThrownBy(() -> ClientNumbers.money(exact, "amount")).isInstanceOf(InvalidRequestException.class);
            assertThat(ClientNumbers.wholeNumberProblem(exact, 1, 100)).isPresent();
            assertThat(ClientNumbers.clampedInt(exact, 1, 100)).isBetween(1, 100);
        }
        assertThatThrownBy(() -> Money.ofUsd(new BigDecimal("1e999999999"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofUsd(new BigDecimal("1e-999999999"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Jackson's asDouble throws for an integer or exact decimal beyond the double range; a range check must not. */
    @Test
    void numbersBeyondTheDoubleRangeAreInfiniteForRangeChecks() {
        String huge = "1" + "0".repeat(400);
        assertThat(ClientNumbers.approximately(Json.parse(huge))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ClientNumbers.approximately(Json.parse("-" + huge))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ClientNumbers.approximately(Json.parseExact("1e400".getBytes()))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ClientNumbers.approximately(Json.parse("1e999"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ClientNumbers.approximately(Json.parse("0.25"))).isEqualTo(0.25);
        assertThat(ClientNumbers.approximately(Json.parse("123456789012345678901234"))).isEqualTo(1.2345678901234568e23);
    }

    @Test
    void aPriceCeilingNeedsNoPicoPrecisionButABound() {
        assertThat(ClientNumbers.usd(Json.parse("0.0000000000000001"), "provider.max_price.prompt"))
                .isEqualByComparingTo("0.0000000000000001");
        assertThatThrownBy(() -> ClientNumbers.usd(Json.parse("1e400"), "provider.max_price.prompt"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("provider.max_price.prompt: must be at most 1000000 USD");
    }
}
