package dev.junction.catalog.discovery;

import io.vertx.core.Vertx;

import java.time.Duration;

/** Runs a task at a fixed interval; injected so that tests trigger refreshes themselves instead of waiting. */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} every {@code interval}; the returned action cancels it. */
    Runnable every(Duration interval, Runnable task);

    /** Vert.x periodic timers. The task runs on an event loop, so it must only hand work off. */
    static Scheduler vertx(Vertx vertx) {
        return (interval, task) -> {
            long id = vertx.setPeriodic(Math.max(1, interval.toMillis()), tick -> task.run());
            return () -> vertx.cancelTimer(id);
        };
    }
}
