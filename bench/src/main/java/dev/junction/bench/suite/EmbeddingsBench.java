package dev.junction.bench.suite;

import dev.junction.bench.load.HttpConnection;
import dev.junction.bench.load.Latencies;
import dev.junction.bench.load.LatencyRun;
import dev.junction.bench.load.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Embeddings throughput (issue 17): the same {@code POST /embeddings} — {@code BENCH_EMBED_INPUTS} texts, vectors of
 * {@code BENCH_EMBED_DIMENSIONS} — sent straight to junction-sim's {@code /v1/embeddings} (<em>direct</em>) and through
 * Junction's {@code /api/v1/embeddings} to the same sim process (<em>junction</em>: parse, route, hold, upstream call,
 * vectors re-encoded, settle, record), closed loop over {@code BENCH_EMBED_CONCURRENCY} keep-alive connections,
 * arms alternating round by round. Both servers run as their own processes ({@code junction-sim.jar},
 * {@code junction.jar serve --config bench/junction-embeddings.yaml}); the load comes from this JVM.
 */
public final class EmbeddingsBench {
    private static final String DIRECT = "direct";
    private static final String JUNCTION = "junction";

    private EmbeddingsBench() {}

    private record Round(String arm, LatencyRun.Result result) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path repo = Path.of(env.getOrDefault("BENCH_REPO", ".")).toAbsolutePath().normalize();
        int inputs = Integer.parseInt(env.getOrDefault("BENCH_EMBED_INPUTS", "16"));
        int dimensions = Integer.parseInt(env.getOrDefault("BENCH_EMBED_DIMENSIONS", "768"));
        int concurrency = Integer.parseInt(env.getOrDefault("BENCH_EMBED_CONCURRENCY", "8"));
        Duration secs = Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_EMBED_SECS", "10")));
        int rounds = Integer.parseInt(env.getOrDefault("BENCH_EMBED_ROUNDS", "3"));
        String batchSize = env.getOrDefault("BENCH_EMBEDDING_BATCH_SIZE", "2048");
        int simPort = Integer.parseInt(env.getOrDefault("BENCH_SIM_PORT", "18095"));
        int gatewayPort = Integer.parseInt(env.getOrDefault("BENCH_GATEWAY_PORT", "18096"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createDirectories(repo.resolve("bench/results")
                .resolve("embeddings-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        String key = "sk-jn-v1-" + UUID.randomUUID().toString().replace("-", "");
        String loadBefore = ProcStats.loadAverage();
        ZonedDateTime started = ZonedDateTime.now();

        List<Process> processes = new ArrayList<>();
        List<Round> results = new ArrayList<>();
        try {
            Process sim = spawn(out, "sim", List.of(java, "-Xmx512m", "-jar",
                    repo.resolve("sim/target/junction-sim.jar").toString(), "--port", Integer.toString(simPort)), Map.of());
            processes.add(sim);
            Stack.awaitPort(simPort, sim, Duration.ofSeconds(20));
            Map<String, String> gatewayEnv = new HashMap<>(Map.of("JUNCTION_BENCH_KEY", key,
                    "JUNCTION_SERVER_PORT", Integer.toString(gatewayPort), "BENCH_SIM_PORT", Integer.toString(simPort),
                    "BENCH_EMBEDDING_BATCH_SIZE", batchSize,
                    "JUNCTION_STORAGE_DATA_DIR", out.resolve("data").toAbsolutePath().toString()));
            Process gateway = spawn(out, "gateway", List.of(java, "-Xmx1g", "-jar",
                    repo.resolve("gateway/target/junction.jar").toString(), "serve", "--config",
                    repo.resolve("bench/junction-embeddings.yaml").toString()), gatewayEnv);
            processes.add(gateway);
            Stack.awaitPort(gatewayPort, gateway, Duration.ofSeconds(30));

            Target direct = new Target(DIRECT, "127.0.0.1", simPort, "/v1/embeddings", Map.of());
            Target junction = new Target(JUNCTION, "127.0.0.1", gatewayPort, "/api/v1/embeddings",
                    Map.of("Authorization", "Bearer " + key));
            byte[] directRequest = direct.post(body("text-embedding-bench", inputs, dimensions));
            byte[] junctionRequest = junction.post(body("bench/embed", inputs, dimensions));
            check(direct, directRequest);
            check(junction, junctionRequest);
            // Warm-up: the JIT compiles the gateway's path before anything is measured.
            LatencyRun.run(junction, junctionRequest, concurrency, Duration.ofSeconds(5), 0);
            LatencyRun.run(direct, directRequest, concurrency, Duration.ofSeconds(2), 0);
            for (int r = 0; r < rounds; r++) {
                boolean directFirst = r % 2 == 0;
                for (String arm : directFirst ? List.of(DIRECT, JUNCTION) : List.of(JUNCTION, DIRECT)) {
                    LatencyRun.Result result = arm.equals(DIRECT)
                            ? LatencyRun.run(direct, directRequest, concurrency, secs, 0)
                            : LatencyRun.run(junction, junctionRequest, concurrency, secs, 0);
                    results.add(new Round(arm, result));
                    System.out.printf(Locale.ROOT, "round %d %-8s %8.1f req/s %10.0f vectors/s p50 %6.2f ms p99 %6.2f ms errors %d%n",
                            r + 1, arm, result.perSecond(), result.perSecond() * inputs,
                            Latencies.micros(result.latency(), 50) / 1e3, Latencies.micros(result.latency(), 99) / 1e3,
                            result.errors());
                }
            }
        } finally {
            for (Process p : processes.reversed()) {
                Stack.stop(p);
            }
        }
        String page = page(results, inputs, dimensions, concurrency, secs, rounds, batchSize, started, loadBefore,
                ProcStats.loadAverage());
        Files.writeString(out.resolve("results.md"), page);
        System.out.println(page);
    }

    private static String body(String model, int inputs, int dimensions) {
        StringBuilder body = new StringBuilder("{\"model\":\"").append(model).append("\",\"dimensions\":").append(dimensions)
                .append(",\"input\":[");
        for (int i = 0; i < inputs; i++) {
            body.append(i == 0 ? "" : ",").append("\"passage ").append(i)
                    .append(": the quick brown fox jumps over the lazy dog\"");
        }
        return body.append("]}").toString();
    }

    /** One request each way before any load: a wrong status stops the run instead of measuring errors. */
    private static void check(Target target, byte[] request) throws IOException {
        try (HttpConnection connection = HttpConnection.open(target.host(), target.port(), 1 << 20)) {
            int status = connection.exchange(request);
            if (status != 200) {
                throw new IOException(target.url() + " answered " + status);
            }
        }
    }

    private static Process spawn(Path out, String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve(name + ".log").toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String page(List<Round> results, int inputs, int dimensions, int concurrency, Duration secs, int rounds,
                               String batchSize, ZonedDateTime started, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder("# Embeddings throughput: through Junction vs direct to junction-sim\n\n");
        md.append(String.format(Locale.ROOT, "%s; %d inputs a request, %d dimensions, %d connections, %d rounds of %d s "
                        + "per arm (alternating), embedding-batch-size %s; load average %s → %s.%n%n",
                started.withNano(0), inputs, dimensions, concurrency, rounds, secs.toSeconds(), batchSize, loadBefore, loadAfter));
        md.append("| arm | requests/s | vectors/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
        for (String arm : List.of(DIRECT, JUNCTION)) {
            List<LatencyRun.Result> mine = results.stream().filter(r -> r.arm().equals(arm)).map(Round::result).toList();
            long requests = mine.stream().mapToLong(LatencyRun.Result::requests).sum();
            long nanos = mine.stream().mapToLong(LatencyRun.Result::elapsedNanos).sum();
            long errors = mine.stream().mapToLong(LatencyRun.Result::errors).sum();
            org.HdrHistogram.Histogram all = mine.getFirst().latency().copy();
            mine.stream().skip(1).forEach(r -> all.add(r.latency()));
            double perSecond = requests * 1e9 / nanos;
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.2f | %.2f | %d |%n", arm, perSecond,
                    perSecond * inputs, Latencies.micros(all, 50) / 1e3, Latencies.micros(all, 99) / 1e3, errors));
        }
        return md.toString();
    }
}
