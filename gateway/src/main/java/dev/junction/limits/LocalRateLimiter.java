package dev.junction.limits;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rate limits for one instance, in memory. A request passes only if every rule lets it (and whatever else
 * must agree, such as its credit hold), and then counts against all of them, atomically; a refused request
 * counts against none.
 */
public final class LocalRateLimiter {
    /** Scopes idle long enough that their schedule has drained are forgotten every this many requests. */
    private static final int SWEEP_EVERY = 1 << 16;

    private final InstantSource clock;
    private final Map<String, Long> tats = new HashMap<>(); // guarded by this
    private int sinceSweep;

    public LocalRateLimiter(InstantSource clock) {
        this.clock = clock;
    }

    /** @throws RateLimitedException naming the rule that refused, with the longest wait among them */
    public void acquire(List<RateRule> rules) {
        acquire(rules, () -> Boolean.TRUE);
    }

    /**
     * Lets a request through only if every rule and {@code alongside} agree. {@code alongside} (the credit
     * hold) runs once the rules have agreed, under the same lock as their check and commit, so no request on
     * another thread can take the allowance in between; if it throws, the exception propagates and no rule
     * counts the request.
     *
     * @return what {@code alongside} returned
     * @throws RateLimitedException naming the rule that refused, with the longest wait among them;
     *                              {@code alongside} is then not run
     */
    public <T> T acquire(List<RateRule> rules, Supplier<T> alongside) {
        if (rules.isEmpty()) {
            return alongside.get();
        }
        long now = micros(clock.instant());
        synchronized (this) {
            RateRule refusing = null;
            long wait = 0;
            for (RateRule rule : rules) {
                long w = Gcra.waitMicros(tats.getOrDefault(rule.scope(), 0L), now, rule);
                if (w > wait) {
                    wait = w;
                    refusing = rule;
                }
            }
            if (refusing != null) {
                throw new RateLimitedException(refusing, wait, now);
            }
            T result = alongside.get();
            for (RateRule rule : rules) {
                tats.put(rule.scope(), Gcra.admitted(tats.getOrDefault(rule.scope(), 0L), now, rule));
            }
            if (++sinceSweep >= SWEEP_EVERY) {
                sinceSweep = 0;
                sweep(now);
            }
            return result;
        }
    }

    private void sweep(long now) {
        for (Iterator<Long> it = tats.values().iterator(); it.hasNext(); ) {
            if (it.next() <= now) {
                it.remove();
            }
        }
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }
}
