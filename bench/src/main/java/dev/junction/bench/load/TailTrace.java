package dev.junction.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the tail at concurrency 1 is made of: one connection, one request at a time, every latency kept with the
 * time its request was sent. Prints the percentiles; how many requests took over three times the median; the
 * spacing between those slow requests that occurs most often, since a periodic cause (the usage writer's commit
 * window, a timer) shows as a peak there; and with {@code --pid}, the CPU each thread of that process spent per
 * request during the run, from {@code /proc}, which names the thread that competes (bench/RESULTS.md §13).
 *
 * <p>{@code tail URL [--secs S] [--key K] [--body JSON] [--pid PID]}
 */
public final class TailTrace {
    private static final long MIN_PERIOD_MILLIS = 5;

    private TailTrace() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        double secs = 15;
        long pid = 0;
        String body = LoadMain.DEFAULT_BODY;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--secs" -> secs = Double.parseDouble(args[i + 1]);
                case "--key" -> headers.put("Authorization", "Bearer " + args[i + 1]);
                case "--body" -> body = args[i + 1];
                case "--pid" -> pid = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Target target = new Target("tail", url.getHost(), url.getPort(), url.getRawPath(), headers);
        Map<String, Long> cpuBefore = threadCpuNanos(pid);
        Trace trace = run(target, target.post(body), (long) (secs * 1e9));
        Map<String, Long> cpuAfter = threadCpuNanos(pid);
        report(trace, cpuBefore, cpuAfter);
    }

    /** Send times and latencies (ns) of the requests answered 200, in order; errors counted apart. */
    record Trace(long[] sent, long[] latency, int count, long errors) {}

    static Trace run(Target target, byte[] request, long durationNanos) throws IOException {
        long[] sent = new long[1 << 16];
        long[] latency = new long[1 << 16];
        int n = 0;
        long errors = 0;
        HttpConnection conn = HttpConnection.open(target.host(), target.port());
        try {
            long end = System.nanoTime() + durationNanos;
            long start;
            while ((start = System.nanoTime()) < end) {
                int status = conn.exchange(request);
                long took = System.nanoTime() - start;
                if (status != 200) {
                    errors++;
                } else {
                    if (n == sent.length) {
                        sent = Arrays.copyOf(sent, n * 2);
                        latency = Arrays.copyOf(latency, n * 2);
                    }
                    sent[n] = start;
                    latency[n++] = took;
                }
                if (!conn.reusable()) {
                    conn.close();
                    conn = HttpConnection.open(target.host(), target.port());
                }
            }
        } finally {
            conn.close();
        }
        return new Trace(sent, latency, n, errors);
    }

    static void report(Trace t, Map<String, Long> cpuBefore, Map<String, Long> cpuAfter) {
        int n = t.count();
        if (n == 0) {
            System.out.println("no request answered 200; errors " + t.errors());
            return;
        }
        long[] sorted = Arrays.copyOf(t.latency(), n);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%d requests, %d errors; p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.0f µs%n",
                n, t.errors(), micros(sorted, 50), micros(sorted, 90), micros(sorted, 99), micros(sorted, 99.9),
                sorted[n - 1] / 1e3);
        long slowOver = 3 * sorted[n / 2];
        long previousSlow = -1;
        int slow = 0;
        TreeMap<Long, Integer> spacing = new TreeMap<>(); // milliseconds between successive slow requests
        for (int i = 0; i < n; i++) {
            if (t.latency()[i] > slowOver) {
                slow++;
                if (previousSlow >= 0) {
                    spacing.merge((t.sent()[i] - previousSlow) / 1_000_000, 1, Integer::sum);
                }
                previousSlow = t.sent()[i];
            }
        }
        // Spacings under 5 ms are mostly one stall of a few milliseconds slowing several requests in a row: not a
        // period, and they would hide one.
        Map<Long, Integer> periods = spacing.tailMap(MIN_PERIOD_MILLIS);
        int periodic = periods.values().stream().mapToInt(Integer::intValue).sum();
        String peak = periods.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> String.format(Locale.ROOT, "most often %d–%d ms apart (%d of %d spacings of %d ms or more)",
                        e.getKey(), e.getKey() + 1, e.getValue(), periodic, MIN_PERIOD_MILLIS))
                .orElse("no spacing of " + MIN_PERIOD_MILLIS + " ms or more");
        System.out.printf(Locale.ROOT, "over 3× the median (%.0f µs): %d requests (%.2f%%), %s%n",
                slowOver / 1e3, slow, 100.0 * slow / n, peak);
        if (!cpuAfter.isEmpty()) {
            StringBuilder line = new StringBuilder("CPU µs per request by thread:");
            cpuAfter.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() * 1.0 / n >= 500) // at least 0.5 µs per request
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(), e.getValue() / 1e3 / n)));
            System.out.println(line);
        }
    }

    private static double micros(long[] sorted, double percentile) {
        int index = (int) Math.min(sorted.length - 1, Math.floor(percentile / 100 * sorted.length));
        return sorted[index] / 1e3;
    }

    /**
     * Nanoseconds on a CPU per thread name (names as the kernel keeps them, 15 characters; threads of one name,
     * such as the event loops, summed), from each task's {@code schedstat}. Empty without a pid.
     */
    static Map<String, Long> threadCpuNanos(long pid) throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        if (pid <= 0) {
            return byName;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    long onCpu = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    byName.merge(name, onCpu, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return byName;
    }
}
