package dev.junction.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The JMH benchmarks of this package timed by the thread's CPU time instead of the wall clock: on a
 * machine shared with other work, wall-clock nanoseconds per call swing by more than the changes being
 * judged, while CPU time spent per call barely moves. Not a JMH replacement (no forks, a simple
 * consumer instead of a Blackhole) — a steady before/after gauge: {@code cputime [Class[.method]...]}.
 */
public final class CpuTimeRunner {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<Class<?>> ALL = List.of(RequestParseBench.class, ChunkRewriteBench.class,
            RouterBench.class, CostBench.class, AuthBench.class, RecordBench.class, TelemetryBench.class);
    private static int sink;

    private CpuTimeRunner() {}

    public static void main(String[] args) throws Exception {
        List<String> filters = Arrays.asList(args);
        for (Class<?> type : ALL) {
            Object state = type.getDeclaredConstructor().newInstance();
            for (Method m : type.getMethods()) {
                if (m.isAnnotationPresent(Setup.class)) {
                    m.invoke(state);
                }
            }
            for (Method m : type.getMethods()) {
                String name = type.getSimpleName() + "." + m.getName();
                if (!m.isAnnotationPresent(Benchmark.class)
                        || !(filters.isEmpty() || filters.stream().anyMatch(name::startsWith))) {
                    continue;
                }
                run(name, state, m);
            }
        }
        System.out.println("(sink " + sink + ")");
    }

    private static void run(String name, Object state, Method method) throws Exception {
        measure(state, method, 2_000_000_000L); // warm-up
        double[] rounds = new double[5];
        for (int i = 0; i < rounds.length; i++) {
            rounds[i] = measure(state, method, 1_000_000_000L);
        }
        double[] sorted = rounds.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-40s %10.1f ns CPU/op (median of 5; min %.1f, max %.1f)%n", name,
                sorted[2], sorted[0], sorted[4]);
    }

    /** Calls the method for about {@code cpuNanos} of this thread's CPU time; returns CPU ns per call. */
    private static double measure(Object state, Method method, long cpuNanos) throws Exception {
        long start = THREADS.getCurrentThreadCpuTime();
        long calls = 0;
        long batch = 1000;
        while (THREADS.getCurrentThreadCpuTime() - start < cpuNanos) {
            for (long i = 0; i < batch; i++) {
                Object result = method.invoke(state);
                sink ^= System.identityHashCode(result);
            }
            calls += batch;
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) calls;
    }
}
