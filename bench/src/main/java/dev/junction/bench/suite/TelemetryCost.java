package dev.junction.bench.suite;

import dev.junction.Junction;
import dev.junction.bench.load.HttpConnection;
import dev.junction.bench.load.Latencies;
import dev.junction.bench.load.Target;
import dev.junction.config.ConfigLoader;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What metrics and tracing cost per request: {@code telemetry [rounds] [requests]} runs Junction in this JVM against
 * the mock upstream (its own process) three ways — metrics off, metrics on (the default), metrics and tracing on
 * (every request traced, spans exported by OTLP/HTTP to the mock) — a fresh gateway per variant and round, the
 * variants rotated each round. Each measures sequential non-streamed requests on one keep-alive connection: the
 * wall-clock p50 and this process's CPU time per request (load generator included: the same for every variant, so
 * differences are the gateway's). CPU time is what a machine shared with other work still measures fairly.
 */
public final class TelemetryCost {
    private static final int MOCK_PORT = Integer.parseInt(System.getenv().getOrDefault("BENCH_MOCK_PORT", "28191"));
    private static final String KEY = "sk-jn-v1-" + "telemetry".repeat(5) + "0000000";

    private TelemetryCost() {}

    record Variant(String name, Map<String, String> env) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        List<Variant> variants = List.of(
                new Variant("metrics off", Map.of("JUNCTION_METRICS_ENABLED", "false")),
                new Variant("metrics on (default)", Map.of()),
                new Variant("metrics + tracing", Map.of("JUNCTION_TRACING_ENABLED", "true")));
        Path jar = Path.of(TelemetryCost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process mock = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", jar.toString(), "dev.junction.bench.BenchMain", "mock", "--port", Integer.toString(MOCK_PORT),
                "--loops", "1").inheritIO().start();
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        try {
            Thread.sleep(1500);
            System.out.println("load average " + ProcStats.loadAverage());
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < variants.size(); i++) {
                    Variant v = variants.get((i + r) % variants.size());
                    double[] m = measure(v, requests);
                    results.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(m);
                    System.out.printf(Locale.ROOT, "round %d %-22s p50 %.1f µs, p99 %.1f µs, %.1f µs CPU/request%n",
                            r + 1, v.name(), m[0], m[1], m[2]);
                }
            }
        } finally {
            mock.destroy();
        }
        System.out.println("\nmedians over " + rounds + " rounds of " + requests + " requests; load average "
                + ProcStats.loadAverage());
        System.out.println("| variant | p50 (µs) | p99 (µs) | CPU/request (µs) |");
        System.out.println("|---|---|---|---|");
        for (var e : results.entrySet()) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", e.getKey(), median(e.getValue(), 0),
                    median(e.getValue(), 1), median(e.getValue(), 2));
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(x -> x[column]).sorted().toArray();
        return v[v.length / 2];
    }

    /** {p50 µs, p99 µs, CPU µs per request} of one fresh gateway. */
    private static double[] measure(Variant variant, int requests) throws Exception {
        Path data = Files.createTempDirectory("junction-telemetry-");
        Map<String, String> env = new HashMap<>(variant.env());
        env.put("JUNCTION_STORAGE_DATA_DIR", data.toString());
        env.put("JUNCTION_SERVER_PORT", "0");
        env.put("JUNCTION_BENCH_KEY", KEY);
        env.put("BENCH_MOCK_PORT", Integer.toString(MOCK_PORT));
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + MOCK_PORT);
        Path yaml = Path.of(System.getenv().getOrDefault("BENCH_REPO", ".")).resolve("bench/junction-bench.yaml");
        Junction junction = Junction.start(new ConfigLoader(env).parse(Files.readString(yaml), yaml.toString()),
                InstantSource.system());
        try (HttpConnection connection = HttpConnection.open("127.0.0.1", junction.port())) {
            Target target = new Target("junction", "127.0.0.1", junction.port(), "/api/v1/chat/completions",
                    Map.of("Authorization", "Bearer " + KEY));
            byte[] request = target.post(Arms.body(Arms.JUNCTION, Arms.Kind.FAST));
            for (int i = 0; i < requests / 2; i++) { // warm-up
                expectOk(connection.exchange(request));
            }
            Histogram latency = Latencies.requests();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                expectOk(connection.exchange(request));
                latency.recordValue(Math.max(1, System.nanoTime() - start));
            }
            long cpu = os.getProcessCpuTime() - cpuBefore;
            return new double[] {Latencies.micros(latency, 50), Latencies.micros(latency, 99), cpu / 1000.0 / requests};
        } finally {
            junction.close();
        }
    }

    private static void expectOk(int status) {
        if (status != 200) {
            throw new IllegalStateException("the gateway answered " + status);
        }
    }
}
