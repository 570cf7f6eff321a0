package dev.junction.bench.suite;

import dev.junction.bench.load.Latencies;
import dev.junction.bench.load.LatencyRun;
import dev.junction.bench.load.StreamRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Before/after for a gateway change: {@code ab <jarA> <jarB> [rounds]} runs two builds of Junction
 * alternately against the mock and compares what a shared, noisy machine still measures fairly —
 * CPU time and bytes allocated per request (and per streamed chunk) — next to latency and rate.
 * Each round restarts each build, warms it up, then measures a fixed-rate non-streaming load, a
 * saturating one and 200 concurrent streams.
 */
public final class AbCompare {
    private static final int FIXED_RATE = 1000;

    private AbCompare() {}

    public static void main(String[] args) throws Exception {
        List<Path> jars = List.of(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath());
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path repo = Path.of(System.getenv().getOrDefault("BENCH_REPO", ".")).toAbsolutePath().normalize();
        Path out = repo.resolve("bench/results/ab-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        Settings base = Settings.from(System.getenv(), repo, out);
        Map<String, List<double[]>> results = new LinkedHashMap<>(); // label -> rows of metrics
        String[] metrics = {"rate µs CPU/req", "rate KB/req", "rate p50 µs", "c64 req/s", "c64 µs CPU/req",
                "stream µs CPU/chunk", "stream KB/chunk", "stream TTFT p50 µs", "stream gap p99 µs", "GC pause ms",
                "heap after last GC MB"};
        System.out.println("load average " + ProcStats.loadAverage());
        try (Stack stack = new Stack(base)) {
            stack.startMock();
            Arms arms = new Arms(base);
            for (int r = 0; r < rounds; r++) {
                for (int j = 0; j < 2; j++) {
                    int which = (r % 2 == 0) ? j : 1 - j; // alternate which build goes first
                    Path jar = jars.get(which);
                    String label = which == 0 ? "A" : "B";
                    double[] m = measure(stack, arms, base, jar, out, label + r);
                    results.computeIfAbsent(label, k -> new ArrayList<>()).add(m);
                    System.out.printf(Locale.ROOT, "round %d %s %s%n", r + 1, label, row(metrics, m));
                }
            }
        }
        System.out.println("\nmedians over " + rounds + " rounds (A = " + jars.get(0) + ", B = " + jars.get(1) + "); load average "
                + ProcStats.loadAverage());
        for (var e : results.entrySet()) {
            double[] med = new double[metrics.length];
            for (int i = 0; i < metrics.length; i++) {
                int k = i;
                double[] v = e.getValue().stream().mapToDouble(x -> x[k]).sorted().toArray();
                med[i] = v[v.length / 2];
            }
            System.out.printf(Locale.ROOT, "%s %s%n", e.getKey(), row(metrics, med));
        }
    }

    private static String row(String[] names, double[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            b.append(String.format(Locale.ROOT, "| %s %.1f ", names[i], values[i]));
        }
        return b.toString();
    }

    private static double[] measure(Stack stack, Arms arms, Settings base, Path jar, Path out, String label) throws Exception {
        Stack gw = new Stack(base.withGatewayJar(jar));
        gw.mock = stack.mock;
        Process p = gw.startGateway(label, List.of());
        try {
            var fast = arms.target(Arms.JUNCTION, Arms.Kind.FAST);
            byte[] fastRequest = arms.request(Arms.JUNCTION, Arms.Kind.FAST);
            var stream = arms.target(Arms.JUNCTION, Arms.Kind.STREAM);
            byte[] streamRequest = arms.request(Arms.JUNCTION, Arms.Kind.STREAM);
            LatencyRun.run(fast, fastRequest, 16, Duration.ofSeconds(8), 0);
            StreamRun.run(arms.target(Arms.JUNCTION, Arms.Kind.BURST), arms.request(Arms.JUNCTION, Arms.Kind.BURST), 64, 16,
                    Duration.ZERO, Duration.ofSeconds(3), false);

            Allocation alloc = Allocation.start(base, p.pid(), out.resolve("alloc-" + label + "-rate.jfr"));
            double cpu0 = ProcStats.cpuMillis(p.pid());
            LatencyRun.Result rate = LatencyRun.run(fast, fastRequest, 16, Duration.ofSeconds(8), FIXED_RATE);
            double rateCpu = (ProcStats.cpuMillis(p.pid()) - cpu0) * 1000 / rate.requests();
            double rateKb = alloc.stopKilobytes() / rate.requests();

            cpu0 = ProcStats.cpuMillis(p.pid());
            LatencyRun.Result sat = LatencyRun.run(fast, fastRequest, 64, Duration.ofSeconds(6), 0);
            double satCpu = (ProcStats.cpuMillis(p.pid()) - cpu0) * 1000 / sat.requests();

            alloc = Allocation.start(base, p.pid(), out.resolve("alloc-" + label + "-stream.jfr"));
            cpu0 = ProcStats.cpuMillis(p.pid());
            StreamRun.Result st = StreamRun.run(stream, streamRequest, 64, 200, Duration.ofMillis(1260), Duration.ofSeconds(5), false);
            double chunkCpu = (ProcStats.cpuMillis(p.pid()) - cpu0) * 1000 / Math.max(1, st.chunks());
            double chunkKb = alloc.stopKilobytes() / Math.max(1, st.chunks());
            GcLog.Summary gc = GcLog.summary(gw.gcLog(label), 0);
            return new double[] {rateCpu, rateKb, Latencies.micros(rate.latency(), 50), sat.perSecond(), satCpu,
                    chunkCpu, chunkKb, Latencies.micros(st.ttft(), 50), Latencies.micros(st.gaps(), 99), gc.pauseMillis(),
                    gc.lastAfter()};
        } finally {
            gw.stopGateway();
        }
    }

    /** Bytes allocated by the gateway's event-loop threads over a window, from JFR's per-thread totals. */
    private record Allocation(Settings settings, long pid, Path file) {
        static Allocation start(Settings settings, long pid, Path file) throws Exception {
            Path jfc = file.resolveSibling("alloc.jfc");
            Files.writeString(jfc, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <configuration version="2.0">
                      <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">500 ms</setting></event>
                    </configuration>
                    """);
            tool(settings, "jcmd", Long.toString(pid), "JFR.start", "name=alloc", "settings=" + jfc, "filename=" + file);
            return new Allocation(settings, pid, file);
        }

        double stopKilobytes() throws Exception {
            tool(settings, "jcmd", Long.toString(pid), "JFR.stop", "name=alloc");
            String json = tool(settings, "jfr", "print", "--json", "--events", "jdk.ThreadAllocationStatistics", file.toString());
            Map<String, double[]> perThread = new LinkedHashMap<>(); // first, last
            for (JsonNode e : JsonMapper.builder().build().readTree(json).path("recording").path("events")) {
                String thread = e.path("values").path("thread").path("javaName").asString("");
                if (!thread.startsWith("vert.x-eventloop")) {
                    continue;
                }
                double bytes = e.path("values").path("allocated").asDouble();
                perThread.computeIfAbsent(thread, t -> new double[] {bytes, bytes})[1] = bytes;
            }
            return perThread.values().stream().mapToDouble(v -> v[1] - v[0]).sum() / 1024;
        }

        private static String tool(Settings settings, String name, String... args) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(Path.of(settings.java()).resolveSibling(name).toString());
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return text;
        }
    }
}
