package dev.junction.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The event loops' health: once a second a probe task is queued on each loop, and the time until it runs is its
 * delay — what every request on that loop waits on top of its own work; plus each loop's queued tasks. A blocked or
 * saturated loop shows here first. The probe thread is a daemon that does nothing but queue the probes.
 */
final class EventLoopMeters implements AutoCloseable {
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("junction-event-loop-probe").daemon(true).unstarted(r));

    private EventLoopMeters() {}

    static EventLoopMeters bind(Metrics metrics, Vertx vertx) {
        EventLoopMeters meters = new EventLoopMeters();
        List<Runnable> probes = new ArrayList<>();
        int index = 0;
        for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
            String name = Integer.toString(index++);
            Timer delay = metrics.latency("junction.event.loop.delay",
                            "How long a task queued on an event loop waited before it ran (probed every second)")
                    .tag("loop", name).register(metrics.registry());
            if (loop instanceof SingleThreadEventExecutor single) {
                Gauge.builder("junction.event.loop.pending.tasks", single, SingleThreadEventExecutor::pendingTasks)
                        .description("Tasks queued on an event loop").tag("loop", name).register(metrics.registry());
            }
            probes.add(() -> {
                long queued = System.nanoTime();
                loop.execute(() -> delay.record(System.nanoTime() - queued, TimeUnit.NANOSECONDS));
            });
        }
        meters.ticker.scheduleAtFixedRate(() -> probes.forEach(Runnable::run), 1, 1, TimeUnit.SECONDS);
        return meters;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
