package dev.junction.bench.suite;

import dev.junction.bench.load.Latencies;
import dev.junction.bench.load.LatencyRun;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 5: what the per-request features cost, Junction restarted once per variant: without metrics; bare routing
 * (auth, credit hold and settlement, usage recording — always on — and metrics, as by default, but no rate limit);
 * plus tracing (every request, its spans exported by OTLP; BENCH_FEATURES=observability stops here); plus a per-key
 * rate limit, plus cluster mode (the limit and the hold in Redis: one script before the upstream call,
 * one after). Each variant: warm-up, then concurrency-1 latency interleaved with direct calls, and wrk
 * throughput at 64 connections. Redis round trips per request come from Redis's own command counters.
 */
final class FeaturesScenario {
    private static final String LIMIT = "1000000/1s"; // never reached: the cost of checking, not of refusing
    private static final Pattern CALLS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

    record Variant(String name, Map<String, String> env) {}

    static final class Cell {
        final Histogram direct = Latencies.requests();
        final Histogram junction = Latencies.requests();
        final List<Double> throughput = new ArrayList<>();
        long junctionRequests;
        double junctionCpuMillis;
        long errors;
        double redisCallsPerRequest = Double.NaN;
        double scriptsPerRequest = Double.NaN;
    }

    private final Settings settings;
    private final Stack stack;
    private final Arms arms;
    private final int redisPort;
    private final String redisUrl;
    private Process redis;
    /** Scripts Redis had run at the last reading of its counters. */
    private long scripts;
    final Map<String, Cell> cells = new LinkedHashMap<>();

    FeaturesScenario(Settings settings, Stack stack, Arms arms) {
        this.settings = settings;
        this.stack = stack;
        this.arms = arms;
        this.redisPort = Integer.parseInt(System.getenv().getOrDefault("BENCH_REDIS_PORT", "18094"));
        this.redisUrl = "redis://127.0.0.1:" + redisPort;
    }

    List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        // The first variant is what the others are compared with: everything that can be switched off, off.
        v.add(new Variant("no metrics", Map.of("JUNCTION_METRICS_ENABLED", "false")));
        v.add(new Variant("bare routing", Map.of()));
        // Every request traced (a span per request and per attempt, GenAI attributes), exported by OTLP/HTTP to the
        // mock, which doubles as a collector that keeps nothing.
        v.add(new Variant("+ tracing", Map.of("JUNCTION_TRACING_ENABLED", "true",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + settings.mockPort(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")));
        if (System.getenv().getOrDefault("BENCH_FEATURES", "").equals("observability")) {
            return v; // metrics and tracing only
        }
        v.add(new Variant("+ rate limit", Map.of("BENCH_RATE_LIMIT", LIMIT)));
        // One access-log line per request, as Junction runs by default (the other variants run without, like nginx).
        v.add(new Variant("+ access log", Map.of("BENCH_ACCESS_LOG", "true")));
        if (startRedis()) {
            v.add(new Variant("+ cluster (Redis)", Map.of("BENCH_RATE_LIMIT", LIMIT, "JUNCTION_CLUSTER_REDIS_URL", redisUrl,
                    "JUNCTION_CLUSTER_KEY_PREFIX", "junction-bench:")));
        } else {
            Suite.log("S5: could not start redis-server on port %d (apt-get install -y redis-server): the cluster variant is skipped",
                    redisPort);
        }
        return v;
    }

    /** Runs every variant; leaves the gateway stopped. */
    void run() throws IOException, InterruptedException {
        try {
            runVariants();
        } finally {
            Stack.stop(redis);
        }
    }

    private void runVariants() throws IOException, InterruptedException {
        for (Variant variant : variants()) {
            stack.stopGateway();
            stack.startGateway("features-" + cells.size(), List.of(), variant.env());
            warmUp();
            Cell cell = new Cell();
            cells.put(variant.name(), cell);
            long callsBefore = redisCalls();
            long scriptsBefore = scripts;
            for (int r = 0; r < settings.rounds(); r++) {
                LatencyRun.Result d = LatencyRun.run(arms.target(Arms.DIRECT, Arms.Kind.FAST),
                        arms.request(Arms.DIRECT, Arms.Kind.FAST), 1, settings.latencyRun(), 0);
                Cpu cpu = Cpu.start(stack, Arms.JUNCTION);
                LatencyRun.Result j = LatencyRun.run(arms.target(Arms.JUNCTION, Arms.Kind.FAST),
                        arms.request(Arms.JUNCTION, Arms.Kind.FAST), 1, settings.latencyRun(), 0);
                cell.junctionCpuMillis += cpu.stop()[0];
                cell.direct.add(d.latency());
                cell.junction.add(j.latency());
                cell.junctionRequests += j.requests();
                cell.errors += j.errors();
            }
            long callsAfter = redisCalls();
            if (variant.env().containsKey("JUNCTION_CLUSTER_REDIS_URL") && callsBefore >= 0 && callsAfter >= 0) {
                // The presence heartbeat adds a few calls per second; over a latency run they are noise.
                cell.redisCallsPerRequest = (double) (callsAfter - callsBefore) / cell.junctionRequests;
                cell.scriptsPerRequest = (double) (scripts - scriptsBefore) / cell.junctionRequests;
            }
            for (int r = 0; r < settings.rounds(); r++) {
                Wrk.Result w = Wrk.run(arms.target(Arms.JUNCTION, Arms.Kind.FAST), Arms.body(Arms.JUNCTION, Arms.Kind.FAST), 64,
                        settings.throughputRun(), settings.out());
                cell.throughput.add(w.perSecond());
                cell.errors += w.errors();
            }
            Suite.log("S5 %-18s c=1 added p50 %.1f µs p99 %.1f µs, %.1f µs CPU/request; wrk c=64 %s req/s; Redis round "
                            + "trips/request %.2f (commands run %.1f); errors %d", variant.name(), added(cell, 50), added(cell, 99),
                    cpuMicros(cell), cell.throughput,
                    cell.scriptsPerRequest, cell.redisCallsPerRequest, cell.errors);
        }
        stack.stopGateway();
    }

    private void warmUp() throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(settings.warmup().toNanos(), Duration.ofSeconds(30).toNanos());
        while (System.nanoTime() < deadline) {
            LatencyRun.run(arms.target(Arms.JUNCTION, Arms.Kind.FAST), arms.request(Arms.JUNCTION, Arms.Kind.FAST), 16,
                    Duration.ofSeconds(3), 0);
        }
    }

    /** Junction's CPU per request over the concurrency-1 runs (the process's whole CPU, background work included). */
    private static double cpuMicros(Cell c) {
        return c.junctionRequests == 0 ? Double.NaN : c.junctionCpuMillis * 1000 / c.junctionRequests;
    }

    private static double added(Cell c, double percentile) {
        return Latencies.micros(c.junction, percentile) - Latencies.micros(c.direct, percentile);
    }

    void report(Report report) {
        report.heading("5. Features on versus off");
        report.para("Junction restarted per variant, warmed up, then concurrency-1 latency (" + settings.rounds() + " × "
                + settings.latencyRun().toSeconds() + " s, interleaved with direct calls to the mock) and `wrk -c64` ("
                + settings.rounds() + " × " + settings.throughputRun().toSeconds() + " s, median). Each variant is compared with the "
                + "first, *no metrics*. *bare routing* keeps the metrics (as by default); *+ tracing* traces every request "
                + "and exports its spans by OTLP/HTTP to the mock (a collector keeping nothing). *bare routing* still "
                + "authenticates, holds and settles credit and records usage (they cannot be switched off); the rate limit is "
                + LIMIT + " per key so it is checked on every request but never refuses. *cluster* keeps the limit and the "
                + "hold in a Redis of the benchmark's own on loopback. From Redis's own `INFO commandstats` over the latency "
                + "runs, per request served: round trips are the scripts run (`EVALSHA`/`EVAL`: Junction sends nothing else "
                + "per request), commands run counts every command, including those the scripts run inside Redis.");
        List<List<String>> rows = new ArrayList<>();
        Cell bare = cells.values().stream().findFirst().orElse(null);
        for (Map.Entry<String, Cell> e : cells.entrySet()) {
            Cell c = e.getValue();
            double rps = median(c.throughput);
            rows.add(List.of(e.getKey(), Report.f1(added(c, 50)), Report.f1(added(c, 99)),
                    bare == null || bare == c ? "" : Report.f1(added(c, 50) - added(bare, 50)), Report.f1(cpuMicros(c)),
                    bare == null || bare == c ? "" : Report.f1(cpuMicros(c) - cpuMicros(bare)), Report.f0(rps),
                    bare == null ? "" : Report.f2(rps / median(bare.throughput)) + "×",
                    Double.isNaN(c.scriptsPerRequest) ? "0" : Report.f2(c.scriptsPerRequest),
                    Double.isNaN(c.redisCallsPerRequest) ? "0" : Report.f1(c.redisCallsPerRequest), Long.toString(c.errors)));
        }
        report.table(List.of("variant", "added p50 (µs)", "added p99 (µs)", "p50 over first (µs)", "µs CPU/request",
                "CPU over first (µs)", "wrk c=64 req/s",
                "vs first", "Redis round trips/request", "Redis commands run/request", "errors"), rows);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * A Redis of the benchmark's own, so that its command counters count Junction's calls only (a shared
     * one serves other clients too).
     */
    private boolean startRedis() {
        try {
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(settings.out().resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            return false;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (redisCalls() >= 0) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Total commands Redis has run (all kinds), or -1 when redis-cli cannot reach it. */
    private long redisCalls() {
        try {
            java.net.URI uri = java.net.URI.create(redisUrl);
            Process p = new ProcessBuilder("redis-cli", "-h", uri.getHost(), "-p", Integer.toString(uri.getPort() < 0 ? 6379 : uri.getPort()),
                    "INFO", "commandstats").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || !out.contains("cmdstat_")) {
                return -1;
            }
            long total = 0;
            long scriptCalls = 0;
            Matcher m = CALLS.matcher(out);
            while (m.find()) {
                long calls = Long.parseLong(m.group(2));
                total += calls;
                if (m.group(1).equals("evalsha") || m.group(1).equals("eval")) {
                    scriptCalls += calls;
                }
            }
            scripts = scriptCalls;
            // INFO itself is counted too: one per reading, the same in both readings' difference.
            return total;
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            return -1;
        }
    }
}
