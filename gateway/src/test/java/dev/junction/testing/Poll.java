package dev.junction.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Waiting for something another thread, process or server does, by looking again and again until it is so
 * or a bound has passed: the one way tests wait. The bound only decides how long a broken run takes to
 * fail, never whether a sound one passes, so it is generous (the test hosts lend their CPU to others); the
 * polls start a millisecond apart and slow down to {@link #MAX_INTERVAL}. A failure names what was awaited
 * and the last value seen.
 */
public final class Poll {
    /** How long to wait when a test does not say. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);
    private static final Duration MAX_INTERVAL = Duration.ofMillis(50);

    private Poll() {}

    /** A condition to check; may throw (an {@link AssertionError} ends the wait at once). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Something to look at; may throw (an {@link AssertionError} ends the wait at once). */
    @FunctionalInterface
    public interface Probe<T> {
        T read() throws Exception;
    }

    /** Returns once {@code condition} holds; fails after {@link #DEFAULT_BOUND}. */
    public static void until(String what, Condition condition) {
        until(what, DEFAULT_BOUND, condition);
    }

    /** Returns once {@code condition} holds; fails after {@code bound}. */
    public static void until(String what, Duration bound, Condition condition) {
        until(what, bound, condition::holds, Boolean::booleanValue);
    }

    /** Reads {@code probe} until {@code done} accepts what it read, and returns that; fails after {@link #DEFAULT_BOUND}. */
    public static <T> T until(String what, Probe<T> probe, Predicate<? super T> done) {
        return until(what, DEFAULT_BOUND, probe, done);
    }

    /** Reads {@code probe} until {@code done} accepts what it read, and returns that; fails after {@code bound}. */
    public static <T> T until(String what, Duration bound, Probe<T> probe, Predicate<? super T> done) {
        long start = System.nanoTime();
        long interval = TimeUnit.MILLISECONDS.toNanos(1);
        while (true) {
            T last = read(what, probe);
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() - start > bound.toNanos()) {
                throw new AssertionError("timed out after " + bound.toMillis() + " ms waiting for: " + what
                        + "; last value seen: " + last);
            }
            pause(interval);
            interval = Math.min(interval * 2, MAX_INTERVAL.toNanos());
        }
    }

    /** Returns the first value {@code probe} has; fails after {@link #DEFAULT_BOUND}. */
    public static <T> T value(String what, Probe<Optional<T>> probe) {
        return value(what, DEFAULT_BOUND, probe, v -> true);
    }

    /** Returns the first value {@code probe} has that {@code done} accepts; fails after {@link #DEFAULT_BOUND}. */
    public static <T> T value(String what, Probe<Optional<T>> probe, Predicate<? super T> done) {
        return value(what, DEFAULT_BOUND, probe, done);
    }

    /** Returns the first value {@code probe} has that {@code done} accepts; fails after {@code bound}. */
    public static <T> T value(String what, Duration bound, Probe<Optional<T>> probe, Predicate<? super T> done) {
        return until(what, bound, probe, v -> v.isPresent() && done.test(v.get())).orElseThrow();
    }

    /**
     * Waits until {@code counter} is above zero and has not changed for {@code quiet}, and returns where it
     * stopped: a stream that stalls, for one. Fails after {@link #DEFAULT_BOUND}.
     */
    public static long untilSteady(String what, Duration quiet, LongSupplier counter) {
        long start = System.nanoTime();
        long last = counter.getAsLong();
        long steadySince = System.nanoTime();
        while (true) {
            pause(MAX_INTERVAL.toNanos() / 2);
            long now = counter.getAsLong();
            long at = System.nanoTime();
            if (now != last || now <= 0) {
                last = now;
                steadySince = at;
            } else if (at - steadySince >= quiet.toNanos()) {
                return now;
            }
            if (at - start > DEFAULT_BOUND.toNanos()) {
                throw new AssertionError("timed out after " + DEFAULT_BOUND.toMillis() + " ms waiting for: " + what
                        + " (steady for " + quiet.toMillis() + " ms); last value seen: " + last);
            }
        }
    }

    private static <T> T read(String what, Probe<T> probe) {
        try {
            return probe.read();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for: " + what, e);
        } catch (Exception e) {
            throw new AssertionError("failed looking for: " + what, e);
        }
    }

    private static void pause(long nanos) {
        LockSupport.parkNanos(nanos);
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling");
        }
    }
}
