package dev.junction.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Non-streaming requests over {@code concurrency} keep-alive connections, one platform thread each
 * (cheaper and steadier to wake than a virtual thread, which matters at concurrency 1).
 *
 * <p>Closed loop by default: each connection sends its next request when the previous answer is in,
 * and a latency is the time from send to the last byte. With a {@code rate}, the load is open loop: each
 * connection sends on a fixed schedule and a latency is measured from when the request <em>should</em>
 * have been sent, so a stall is charged to every request it delayed (coordinated-omission correction,
 * as wrk2 does).
 */
public final class LatencyRun {
    /** @param elapsedNanos the measured window; {@code requests / elapsed} is the achieved rate */
    public record Result(String arm, int concurrency, Histogram latency, long requests, long errors,
                         long elapsedNanos) {
        public double perSecond() {
            return requests * 1e9 / elapsedNanos;
        }
    }

    private LatencyRun() {}

    /** @param ratePerSecond total request rate for open loop, or 0 for closed loop */
    public static Result run(Target target, byte[] request, int concurrency, Duration duration, double ratePerSecond)
            throws InterruptedException {
        Histogram latency = Latencies.requests();
        LongAdder requests = new LongAdder();
        LongAdder errors = new LongAdder();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        long periodNanos = ratePerSecond > 0 ? (long) (concurrency * 1e9 / ratePerSecond) : 0;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            int worker = i;
            threads.add(Thread.ofPlatform().name("load-" + target.arm() + "-" + i).start(() -> {
                HttpConnection conn = connect(target, errors);
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long start = window[0];
                long end = window[1];
                // open loop: connections are spread evenly over one period
                long intended = start + (periodNanos > 0 ? periodNanos * worker / concurrency : 0);
                while (true) {
                    long now = System.nanoTime();
                    if (periodNanos > 0) {
                        if (intended >= end) {
                            break;
                        }
                        while ((now = System.nanoTime()) < intended) {
                            LockSupport.parkNanos(intended - now);
                        }
                    } else if (now >= end) {
                        break;
                    }
                    long sent = periodNanos > 0 ? intended : now;
                    try {
                        if (conn == null) {
                            conn = connect(target, errors);
                            if (conn == null) {
                                LockSupport.parkNanos(1_000_000);
                                intended += periodNanos;
                                continue;
                            }
                        }
                        int status = conn.exchange(request);
                        long done = System.nanoTime();
                        if (status == 200) {
                            latency.recordValue(done - sent);
                            requests.increment();
                        } else {
                            errors.increment();
                        }
                        if (!conn.reusable()) {
                            conn.close();
                            conn = null;
                        }
                    } catch (IOException e) {
                        errors.increment();
                        conn.close();
                        conn = null;
                    }
                    intended += periodNanos;
                }
                if (conn != null) {
                    conn.close();
                }
            }));
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - window[0];
        return new Result(target.arm(), concurrency, latency, requests.sum(), errors.sum(), elapsed);
    }

    private static HttpConnection connect(Target target, LongAdder errors) {
        try {
            return HttpConnection.open(target.host(), target.port());
        } catch (IOException e) {
            errors.increment();
            return null;
        }
    }
}
