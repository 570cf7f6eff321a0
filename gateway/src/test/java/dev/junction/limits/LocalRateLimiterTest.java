package dev.junction.limits;

import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
    void aRequestRefusedByThePerMinuteRuleDoesNotUseUpThePerDayOne() {
        RateRule twoPerMinute = new RateRule("free-minute:acct", "free models", 2, Duration.ofMinutes(1));
        RateRule threePerDay = new RateRule("free-day:acct", "free models", 3, Duration.ofDays(1));
        List<RateRule> free = List.of(twoPerMinute, threePerDay);
        limiter.acquire(free);
        limiter.acquire(free);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> limiter.acquire(free))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.rule()).isEqualTo(twoPerMinute));
        }
        clock.advance(Duration.ofMinutes(1));
        limiter.acquire(free); // the third of the day: the five refusals took none of it
        assertThatThrownBy(() -> limiter.acquire(free))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.rule()).isEqualTo(threePerDay));
    }

    @Test
    void aRequestRefusedByWhatMustAgreeAlongsideCountsAgainstNoRule() {
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> limiter.acquire(List.of(tenPerMinute), () -> {
                throw new IllegalStateException("no credit");
            })).hasMessage("no credit");
        }
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire(List.of(tenPerMinute), () -> "held")).isEqualTo("held");
        }
        AtomicInteger asked = new AtomicInteger();
        assertThatThrownBy(() -> limiter.acquire(List.of(tenPerMinute), asked::incrementAndGet))
                .isInstanceOf(RateLimitedException.class);
        assertThat(asked).as("not asked once a rule refuses").hasValue(0);
    }

    @Test
    void threadsRacingWithHalfRefusedAlongsideGetExactlyTheAllowance() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 50; i++) {
                        try {
                            limiter.acquire(List.of(tenPerMinute), () -> {
                                if (asked.incrementAndGet() % 2 == 1) {
                                    throw new IllegalStateException("every other one has no credit");
                                }
                                return true;
                            });
                            admitted.incrementAndGet();
                        } catch (RateLimitedException | IllegalStateException refused) {
                            // refused, by the rule or alongside: only admissions are counted
                        }
                    }
                    return null;
                });
            }
            go.countDown();
        }
        // 400 attempts, half of those that reach the hold refused there: neither the refusals nor a race
        // between threads may change the ten a minute allows.
        assertThat(admitted).hasValue(10);
        assertThat(asked).hasValue(20);
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
