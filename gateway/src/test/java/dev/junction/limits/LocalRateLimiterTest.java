package dev.junction.limits;

import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LocalRateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final LocalRateLimiter limiter = new LocalRateLimiter(clock);
    private final RateRule tenPerMinute = new RateRule("key:a", "this key", 10, Duration.ofMinutes(1));

    @Test
    void aBurstOfTheWholeAllowanceGoesAtOnceAndTheNextRequestWaitsOneShare() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire(List.of(tenPerMinute));
        }
        RateLimitedException refused = catchThrowableOfType(RateLimitedException.class,
                () -> limiter.acquire(List.of(tenPerMinute)));
        assertThat(refused.retryAfterMicros()).isEqualTo(Duration.ofSeconds(6).toNanos() / 1_000);
        assertThat(refused.headers()).containsEntry("Retry-After", "6").containsEntry("X-RateLimit-Limit", "10")
                .containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Reset", Long.toString(clock.instant().plusSeconds(6).toEpochMilli()));
        assertThat(refused.getMessage()).contains("10 requests per 1m (this key)");
    }

    @Test
    void theAllowanceRefillsEvenlyOverTheInterval() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire(List.of(tenPerMinute));
        }
        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> limiter.acquire(List.of(tenPerMinute))).isInstanceOf(RateLimitedException.class);
        clock.advance(Duration.ofSeconds(1));
        limiter.acquire(List.of(tenPerMinute));
        assertThatThrownBy(() -> limiter.acquire(List.of(tenPerMinute))).isInstanceOf(RateLimitedException.class);
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            limiter.acquire(List.of(tenPerMinute));
        }
    }

    @Test
    void aRequestRefusedByOneRuleCountsAgainstNone() {
        RateRule onePerDay = new RateRule("free-day:acct", "free models", 1, Duration.ofDays(1));
        limiter.acquire(List.of(onePerDay));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> limiter.acquire(List.of(tenPerMinute, onePerDay)))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.rule()).isEqualTo(onePerDay));
        }
        // The key's own allowance was not touched by the five refusals.
        for (int i = 0; i < 10; i++) {
            limiter.acquire(List.of(tenPerMinute));
        }
    }

    @Test
    void scopesAreIndependent() {
        RateRule other = new RateRule("key:b", "this key", 1, Duration.ofMinutes(1));
        limiter.acquire(List.of(other));
        for (int i = 0; i < 10; i++) {
            limiter.acquire(List.of(tenPerMinute));
        }
        assertThatThrownBy(() -> limiter.acquire(List.of(other))).isInstanceOf(RateLimitedException.class);
    }
}
