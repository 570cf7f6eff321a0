package dev.junction.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How long and how often each scenario runs, and where everything lives. The defaults make the whole
 * suite take about ten minutes on a 2-core machine; {@code BENCH_QUICK=1} shrinks every run to a
 * smoke test of the harness (its figures mean nothing). Every knob is an environment variable.
 */
record Settings(
        Path repo,
        Path out,
        Path gatewayJar,
        String java,
        String key,
        int mockPort,
        int nginxPort,
        int gatewayPort,
        int nginxWorkers,
        String gatewayHeap,
        List<String> gatewayJvmFlags,
        int rounds,
        Duration latencyRun,
        Duration throughputRun,
        Duration warmup,
        int streamRounds,
        Duration streamMeasure,
        Duration streamMeasureSingle,
        int slowStreams,
        int slowChunks,
        int slowIntervalMs,
        Duration slowRamp,
        int coldStartRuns,
        String jmhArgs,
        String scenarios,
        boolean quick) {

    static Settings from(Map<String, String> env, Path repo, Path out) {
        boolean quick = "1".equals(env.getOrDefault("BENCH_QUICK", "0"));
        String java = ProcessHandle.current().info().command().orElse("java");
        int slowStreams = Integer.parseInt(env.getOrDefault("BENCH_SLOW_STREAMS", quick ? "500" : "10000"));
        return new Settings(repo, out, repo.resolve("gateway/target/junction.jar"), java,
                "sk-jn-v1-" + "bench".repeat(12) + "0000",
                intOf(env, "BENCH_MOCK_PORT", 18091),
                intOf(env, "BENCH_NGINX_PORT", 18097),
                intOf(env, "BENCH_GATEWAY_PORT", 18100),
                intOf(env, "BENCH_NGINX_WORKERS", 1),
                env.getOrDefault("BENCH_GATEWAY_HEAP", "1g"),
                // What gateway/target/junction (the launcher) runs the jar with, but for the AOT cache, which the
                // cold-start scenario makes and uses itself.
                List.of(env.getOrDefault("BENCH_GATEWAY_JVM_FLAGS", "-XX:+UseParallelGC").trim().split("\\s+")),
                intOf(env, "BENCH_ROUNDS", quick ? 1 : 3),
                seconds(env, "BENCH_LATENCY_SECS", quick ? 1 : 5),
                seconds(env, "BENCH_THROUGHPUT_SECS", quick ? 1 : 5),
                seconds(env, "BENCH_WARMUP_SECS", quick ? 2 : 60),
                intOf(env, "BENCH_STREAM_ROUNDS", quick ? 1 : 2),
                seconds(env, "BENCH_STREAM_SECS", quick ? 1 : 4),
                seconds(env, "BENCH_STREAM_SINGLE_SECS", quick ? 2 : 16),
                slowStreams,
                intOf(env, "BENCH_SLOW_CHUNKS", quick ? 3 : 15),
                intOf(env, "BENCH_SLOW_INTERVAL_MS", 1000),
                seconds(env, "BENCH_SLOW_RAMP_SECS", quick ? 0.5 : 8),
                intOf(env, "BENCH_COLD_RUNS", quick ? 1 : 3),
                env.getOrDefault("BENCH_JMH_ARGS", quick ? "-f 1 -wi 1 -w 200ms -i 1 -r 200ms" : "-f 1 -wi 2 -w 1s -i 3 -r 1s"),
                env.getOrDefault("BENCH_SCENARIOS", "1,2,3,4,5,6,7"),
                quick);
    }

    /** The same settings, running another build of Junction (for before/after comparisons). */
    Settings withGatewayJar(Path jar) {
        return new Settings(repo, out, jar, java, key, mockPort, nginxPort, gatewayPort, nginxWorkers, gatewayHeap, gatewayJvmFlags, rounds,
                latencyRun, throughputRun, warmup, streamRounds, streamMeasure, streamMeasureSingle, slowStreams,
                slowChunks, slowIntervalMs, slowRamp, coldStartRuns, jmhArgs, scenarios, quick);
    }

    /** Whether scenario {@code number} is among those to run ({@code BENCH_SCENARIOS}, default all). */
    boolean runs(String number) {
        return Arrays.asList(scenarios.split("\\s*,\\s*")).contains(number);
    }

    Path benchJar() {
        return repo.resolve("bench/target/junction-bench.jar");
    }

    Path gatewayConfig() {
        return repo.resolve("bench/junction-bench.yaml");
    }

    Path nginxTemplate() {
        return repo.resolve("bench/nginx.conf.tmpl");
    }

    void check() {
        for (Path p : new Path[] {gatewayJar(), benchJar(), gatewayConfig(), nginxTemplate()}) {
            if (!Files.exists(p)) {
                throw new IllegalStateException(p + " is missing: build first (./mvnw -q -B package -DskipTests)");
            }
        }
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)));
    }

    private static Duration seconds(Map<String, String> env, String name, double fallback) {
        return Duration.ofMillis((long) (Double.parseDouble(env.getOrDefault(name, Double.toString(fallback))) * 1000));
    }
}
