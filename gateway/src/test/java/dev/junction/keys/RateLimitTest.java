package dev.junction.keys;

import dev.junction.config.RateLimit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10s, PT10S", "1m, PT1M", "2h, PT2H", "365d, PT8760H"})
    void intervalsUpToAYear(String text, Duration interval) {
        assertThat(RateLimit.parseInterval(text)).hasValue(interval);
    }

    /** The limiter counts in nanoseconds: an interval it cannot hold is refused here, not overflowed there. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"366d", "99999999999999999999s", "9999999999d", "0s", "1w", "s", "-1s"})
    void anythingElseIsRefused(String text) {
        assertThat(RateLimit.parseInterval(text)).isEmpty();
    }
}
