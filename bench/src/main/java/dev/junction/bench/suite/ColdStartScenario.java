package dev.junction.bench.suite;

import dev.junction.bench.load.HttpConnection;
import dev.junction.bench.load.LatencyRun;
import dev.junction.bench.load.StreamRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scenario 6: process start → first served chat completion, without and with a JDK 25 AOT cache
 * ({@code -XX:AOTCacheOutput} on a training run that serves some traffic and is stopped with SIGTERM,
 * then {@code -XX:AOTCache}). Also the idle RSS a few seconds after that first response.
 */
final class ColdStartScenario {
    private static final Duration IDLE_AFTER = Duration.ofSeconds(3);

    private final Settings settings;
    private final Stack stack;
    private final Arms arms;
    private final List<double[]> plain = new ArrayList<>(); // {ms, idle RSS MiB}
    private final List<double[]> aot = new ArrayList<>();
    private long cacheBytes;
    private String trainingNote = "";

    ColdStartScenario(Settings settings, Stack stack, Arms arms) {
        this.settings = settings;
        this.stack = stack;
        this.arms = arms;
    }

    void run() throws Exception {
        stack.stopGateway();
        Path cache = settings.out().resolve("junction.aot").toAbsolutePath();
        train(cache);
        cacheBytes = Files.exists(cache) ? Files.size(cache) : 0;
        for (int i = 0; i < settings.coldStartRuns(); i++) {
            plain.add(once("cold-" + i, List.of()));
            if (cacheBytes > 0) {
                aot.add(once("aot-" + i, List.of("-XX:AOTCache=" + cache)));
            }
            Suite.log("S6 run %d: %.0f ms without, %s with the AOT cache", i + 1, plain.getLast()[0],
                    aot.isEmpty() ? "–" : Report.f0(aot.getLast()[0]) + " ms");
        }
    }

    private void train(Path cache) throws Exception {
        Process p = stack.startGateway("aot-train", List.of("-XX:AOTCacheOutput=" + cache));
        LatencyRun.run(arms.target(Arms.JUNCTION, Arms.Kind.FAST), arms.request(Arms.JUNCTION, Arms.Kind.FAST), 8,
                Duration.ofSeconds(settings.quick() ? 1 : 4), 0);
        StreamRun.run(arms.target(Arms.JUNCTION, Arms.Kind.BURST), arms.request(Arms.JUNCTION, Arms.Kind.BURST), 64, 8,
                Duration.ZERO, Duration.ofSeconds(settings.quick() ? 1 : 2), false);
        long started = System.nanoTime();
        stack.stopGateway(); // the JVM writes the cache as it exits
        trainingNote = "training run: 4 s of non-streaming requests at c=8 and 2 s of streams at c=8, then SIGTERM; "
                + "writing the cache at exit took " + Report.f1((System.nanoTime() - started) / 1e9) + " s";
        if (p.exitValue() != 0 && p.exitValue() != 143) {
            Suite.log("S6 training run exited with %d", p.exitValue());
        }
    }

    private double[] once(String label, List<String> flags) throws IOException, InterruptedException {
        byte[] request = arms.request(Arms.JUNCTION, Arms.Kind.FAST);
        long start = System.nanoTime();
        Process p = stack.spawnGateway(label, flags);
        stack.gateway = p;
        double millis = Double.NaN;
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (HttpConnection c = HttpConnection.open("127.0.0.1", settings.gatewayPort())) {
                if (c.exchange(request) == 200) {
                    millis = (System.nanoTime() - start) / 1e6;
                    break;
                }
            } catch (IOException notYet) {
                Thread.sleep(2);
            }
        }
        Thread.sleep(IDLE_AFTER.toMillis());
        double rss = ProcStats.rssMiB(p.toHandle());
        stack.stopGateway();
        return new double[] {millis, rss};
    }

    void report(Report report) {
        report.heading("6. Cold start: process start → first served response");
        report.para("Time from spawning `java -Xmx" + settings.gatewayHeap() + " " + String.join(" ", settings.gatewayJvmFlags()) + " -jar junction.jar serve …` to the first "
                + "200 answer to a chat completion through the mock (polled every 2 ms), and RSS " + IDLE_AFTER.toSeconds()
                + " s later (idle). " + settings.coldStartRuns() + " runs each, alternating. AOT cache: "
                + String.format("%.0f MB", cacheBytes / 1e6) + "; " + trainingNote + ".");
        report.table(List.of("mode", "runs (ms)", "median ms", "idle RSS MiB (median)"), List.of(
                row("no AOT cache", plain), row("AOT cache (-XX:AOTCache)", aot)));
        double best = Math.min(median(plain, 0), aot.isEmpty() ? Double.POSITIVE_INFINITY : median(aot, 0));
        report.check("cold start ≤ 1 s", Report.f0(median(plain, 0)) + " ms without, "
                + (aot.isEmpty() ? "–" : Report.f0(median(aot, 0))) + " ms with the AOT cache", best <= 1000);
        report.check("idle RSS ≤ 200 MB", Report.f0(median(plain, 1)) + " MiB without, "
                + (aot.isEmpty() ? "–" : Report.f0(median(aot, 1))) + " MiB with the AOT cache", median(plain, 1) * 1.048576 <= 200);
    }

    private static List<String> row(String mode, List<double[]> runs) {
        return List.of(mode, Arrays.toString(runs.stream().mapToLong(r -> Math.round(r[0])).toArray()),
                Report.f0(median(runs, 0)), Report.f0(median(runs, 1)));
    }

    private static double median(List<double[]> runs, int field) {
        double[] v = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}
