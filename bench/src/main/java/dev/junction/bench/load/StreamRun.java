package dev.junction.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Concurrent SSE streams, each checked chunk by chunk ({@link SseCheck}).
 *
 * <p>Each of {@code concurrency} workers keeps one keep-alive connection and runs streams back to
 * back. Workers start spread evenly over {@code ramp}, so the target sees a steady number of open
 * streams rather than a synchronised herd; only streams that <em>start</em> after the ramp are
 * measured. With {@code once}, each worker runs a single stream (the slow-stream capacity test).
 * Workers are platform threads up to {@link #PLATFORM_LIMIT} streams and virtual threads beyond.
 */
public final class StreamRun {
    public static final int PLATFORM_LIMIT = 2_000;
    /** Enough for any header block or chunk line; small, as there may be ten thousand of them. */
    private static final int STREAM_BUFFER = 8 * 1024;

    /**
     * @param ok       streams that answered 200, ended with {@code [DONE]} and lost or merged nothing
     * @param failed   streams that errored, ended early or lost a chunk
     * @param ttft     send → first content chunk
     * @param gaps     arrival of chunk i-1 → arrival of chunk i
     */
    public record Result(String arm, int concurrency, long ok, long failed, long lost, long merged,
                         long outOfOrder, long chunks, Histogram ttft, Histogram gaps, long measuredStreams,
                         Map<Failure, Long> failures, String sampleError) {
        /** The failures by cause, e.g. "connect 3, read 1", or "" when there were none. */
        public String failureCauses() {
            return failures.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey().label + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /** Why a stream did not count as ok. */
    public enum Failure {
        CONNECT("connect"), STATUS("non-200"), READ("read error"), NO_DONE("no [DONE]"), ERROR_EVENT("error event"),
        CHUNKS("chunk check");

        final String label;

        Failure(String label) {
            this.label = label;
        }
    }

    private StreamRun() {}

    public static Result run(Target target, byte[] request, int expectedChunks, int concurrency, Duration ramp,
                             Duration measure, boolean once) throws InterruptedException {
        Histogram ttft = Latencies.gaps();
        Histogram gaps = Latencies.gaps();
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder lost = new LongAdder();
        LongAdder merged = new LongAdder();
        LongAdder outOfOrder = new LongAdder();
        LongAdder chunks = new LongAdder();
        LongAdder measured = new LongAdder();
        java.util.concurrent.atomic.AtomicReference<String> sampleError = new java.util.concurrent.atomic.AtomicReference<>();
        Map<Failure, LongAdder> causes = new EnumMap<>(Failure.class);
        for (Failure f : Failure.values()) {
            causes.put(f, new LongAdder());
        }
        long start = System.nanoTime() + 20_000_000; // time for every worker thread to be created
        long rampNanos = ramp.toNanos();
        long measureFrom = start + rampNanos;
        long end = measureFrom + measure.toNanos();
        Thread.Builder threads = concurrency > PLATFORM_LIMIT ? Thread.ofVirtual() : Thread.ofPlatform();
        List<Thread> started = new ArrayList<>(concurrency);
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            long myStart = start + rampNanos * i / concurrency;
            started.add(threads.name("stream-" + target.arm() + "-" + i).start(() -> {
                try {
                    sleepUntil(myStart);
                    SseCheck check = new SseCheck();
                    HttpConnection conn = null;
                    do {
                        long sent = System.nanoTime();
                        boolean counted = once || sent >= measureFrom;
                        long[] previous = {0, -1}; // arrival and index of the last chunk seen
                        check.reset((index, nanos) -> {
                            if (!counted) {
                                return;
                            }
                            if (index == 0) {
                                ttft.recordValue(Math.max(0, nanos - sent));
                            } else if (previous[1] == index - 1) {
                                gaps.recordValue(Math.max(0, nanos - previous[0]));
                            }
                            previous[0] = nanos;
                            previous[1] = index;
                        });
                        Failure failure = null;
                        try {
                            if (conn == null) {
                                try {
                                    conn = HttpConnection.open(target.host(), target.port(), STREAM_BUFFER);
                                } catch (IOException e) {
                                    failure = Failure.CONNECT;
                                    throw e;
                                }
                            }
                            conn.send(request);
                            int status = conn.read(check);
                            check.finish(expectedChunks);
                            if (status != 200) {
                                failure = Failure.STATUS;
                            } else if (!check.done) {
                                failure = Failure.NO_DONE;
                            } else if (check.error != null) {
                                failure = Failure.ERROR_EVENT; // an in-stream error: the relay gave up
                            } else if (check.lost + check.merged + check.outOfOrder > 0) {
                                failure = Failure.CHUNKS;
                            }
                            if (!conn.reusable()) {
                                conn.close();
                                conn = null;
                            }
                        } catch (IOException e) {
                            check.finish(expectedChunks);
                            if (failure == null) {
                                failure = Failure.READ;
                            }
                            if (conn != null) {
                                conn.close();
                                conn = null;
                            }
                        }
                        boolean good = failure == null;
                        if (counted) {
                            measured.increment();
                            if (failure != null) {
                                causes.get(failure).increment();
                                if (check.error != null) {
                                    sampleError.compareAndSet(null, check.error);
                                }
                            }
                            (good ? ok : failed).increment();
                            lost.add(check.lost);
                            merged.add(check.merged);
                            outOfOrder.add(check.outOfOrder);
                            chunks.add(check.chunks);
                        }
                    } while (!once && System.nanoTime() < end);
                    if (conn != null) {
                        conn.close();
                    }
                } finally {
                    finished.countDown();
                }
            }));
        }
        finished.await();
        Map<Failure, Long> failures = new EnumMap<>(Failure.class);
        causes.forEach((f, n) -> failures.put(f, n.sum()));
        return new Result(target.arm(), concurrency, ok.sum(), failed.sum(), lost.sum(), merged.sum(),
                outOfOrder.sum(), chunks.sum(), ttft, gaps, measured.sum(), failures, sampleError.get());
    }

    private static void sleepUntil(long deadline) {
        long now;
        while ((now = System.nanoTime()) < deadline) {
            LockSupport.parkNanos(deadline - now);
        }
    }
}
