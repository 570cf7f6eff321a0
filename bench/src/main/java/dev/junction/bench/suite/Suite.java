package dev.junction.bench.suite;

import dev.junction.bench.load.HttpConnection;
import dev.junction.bench.load.LatencyRun;
import dev.junction.bench.load.StreamRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every scenario of the benchmark issue, interleaving direct / Junction / nginx, and writes the
 * results page ({@code bench/results/<time>/results.md}, copied to {@code bench/results/latest.md}).
 * Started by {@code bench/run.sh}; see {@link Settings} for the knobs.
 */
public final class Suite {
    private static Path logFile;

    private Suite() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getenv().getOrDefault("BENCH_REPO", ".")).toAbsolutePath().normalize();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = repo.resolve("bench/results").resolve(stamp);
        Files.createDirectories(out);
        logFile = out.resolve("suite.log");
        Settings settings = Settings.from(System.getenv(), repo, out);
        settings.check();
        for (int port : new int[] {settings.mockPort(), settings.nginxPort(), settings.gatewayPort()}) {
            if (!Stack.portFree(port)) {
                throw new IllegalStateException("port " + port + " is in use: stop whatever listens there first");
            }
        }
        String loadBefore = ProcStats.loadAverage();
        ZonedDateTime started = ZonedDateTime.now();
        log("results in %s; load average %s%s", out, loadBefore, settings.quick() ? " (QUICK: a smoke test, figures mean nothing)" : "");

        Report report = new Report();
        Arms arms = new Arms(settings);
        LatencyScenario latency;
        ThroughputScenario throughput;
        StreamScenario streams;
        ConcurrencyScenario concurrency;
        ColdStartScenario coldStart;
        FeaturesScenario features = null;
        String afterLoad;
        try (Stack stack = new Stack(settings)) {
            stack.startMock();
            stack.startNginx((int) Limits.openFiles() - 100);
            stack.startGateway("main", List.of());
            sanityCheck(arms);
            latency = new LatencyScenario(settings, stack, arms);
            throughput = new ThroughputScenario(settings, stack, arms);
            streams = new StreamScenario(settings, stack, arms);
            concurrency = new ConcurrencyScenario(settings, stack, arms);
            coldStart = new ColdStartScenario(settings, stack, arms);
            if (settings.runs("1") || settings.runs("2") || settings.runs("3")) {
                warmUp(settings, arms);
            }
            for (int r = 0; r < settings.rounds(); r++) {
                if (settings.runs("1")) {
                    latency.round(r);
                }
                if (settings.runs("2")) {
                    throughput.round(r);
                }
            }
            for (int r = 0; settings.runs("3") && r < settings.streamRounds(); r++) {
                streams.round(r);
            }
            GcLog.Summary gc = GcLog.summary(stack.gcLog("main"), 0);
            afterLoad = String.format(Locale.ROOT, "Junction after scenarios 1–3: RSS %.0f MiB, %d threads; %d GC pauses "
                            + "totalling %.0f ms, heap committed at most %.0f MiB, live heap after the last GC %.0f MiB.",
                    ProcStats.rssMiB(stack.gateway.toHandle()), ProcStats.threads(stack.gateway.pid()), gc.count(),
                    gc.pauseMillis(), gc.maxCommitted(), gc.lastAfter());
            log("%s", afterLoad);
            if (settings.runs("4")) {
                concurrency.run();
            }
            if (settings.runs("5")) {
                features = new FeaturesScenario(settings, stack, arms);
                features.run();
            }
            if (settings.runs("6")) {
                coldStart.run();
            }
        }
        JmhScenario jmh = new JmhScenario(settings);
        if (settings.runs("7")) {
            jmh.run();
        }
        String loadAfter = ProcStats.loadAverage();

        if (settings.runs("1")) {
            latency.report(report);
        }
        if (settings.runs("2")) {
            throughput.report(report);
        }
        if (settings.runs("3")) {
            streams.report(report);
        }
        if (settings.runs("4")) {
            concurrency.report(report);
        }
        if (features != null) {
            features.report(report);
        }
        if (settings.runs("6")) {
            coldStart.report(report);
        }
        if (settings.runs("7")) {
            jmh.report(report);
        }
        String page = header(settings, started, loadBefore, loadAfter, afterLoad, report) + report.markdown();
        Files.writeString(out.resolve("results.md"), page);
        Files.writeString(repo.resolve("bench/results/latest.md"), page);
        log("done in %s: %s", Duration.between(started, ZonedDateTime.now()).withNanos(0), out.resolve("results.md"));
    }

    private static String header(Settings s, ZonedDateTime started, String loadBefore, String loadAfter, String afterLoad,
                                 Report report) {
        StringBuilder md = new StringBuilder("# Junction benchmark results\n\n");
        if (s.quick()) {
            md.append("**QUICK RUN (BENCH_QUICK=1): a smoke test of the harness; the figures mean nothing.**\n\n");
        }
        String knobs = System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("BENCH_"))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(java.util.stream.Collectors.joining(" "));
        md.append("Run ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" with `")
                .append(knobs.isEmpty() ? "" : knobs + " ").append("bench/run.sh`. ")
                .append("Load average (1/5/15 min) before: **").append(loadBefore).append("**, after: **").append(loadAfter)
                .append("** — on a 2-core machine anything much above 0 means other work shared the CPU. ")
                .append("All processes share the two cores: the load generator (this JVM, or wrk), the mock upstream ")
                .append("(one Vert.x event loop), nginx (").append(s.nginxWorkers()).append(" worker) and Junction (2 event ")
                .append("loops, -Xmx").append(s.gatewayHeap()).append(", JVM flags: ").append(String.join(" ", s.gatewayJvmFlags()).isBlank() ? "none (G1)" : String.join(" ", s.gatewayJvmFlags())).append(").\n\n");
        StringBuilder machine = new StringBuilder();
        List<List<String>> rows = new ArrayList<>(Machine.describe());
        md.append("| machine | |\n|---|---|\n");
        rows.forEach(r -> md.append("| ").append(r.get(0)).append(" | ").append(r.get(1)).append(" |\n"));
        md.append(machine).append("\n## Targets\n\n| target | this run | verdict |\n|---|---|---|\n");
        for (Report.Check c : report.checks()) {
            md.append("| ").append(c.target()).append(" | ").append(c.measured()).append(" | ").append(c.verdict()).append(" |\n");
        }
        md.append("\n").append(afterLoad).append("\n");
        return md.toString();
    }

    /** Every arm must answer both kinds of request before anything is measured. */
    private static void sanityCheck(Arms arms) throws IOException {
        for (String arm : List.of(Arms.DIRECT, Arms.JUNCTION, Arms.NGINX)) {
            for (Arms.Kind kind : List.of(Arms.Kind.FAST, Arms.Kind.BURST)) {
                var target = arms.target(arm, kind);
                try (HttpConnection c = HttpConnection.open(target.host(), target.port())) {
                    int status = c.exchange(arms.request(arm, kind));
                    if (status != 200) {
                        throw new IllegalStateException(arm + " answered " + status + " to " + kind + " at " + target.url());
                    }
                }
            }
        }
    }

    /**
     * JIT-compiles Junction's and the mock's paths (and wakes nginx) before any figure is taken. On a busy
     * machine C2 takes a minute or more to compile Junction's paths, so the non-streaming warm-up goes on
     * in 3-second windows until the rate stops rising (two windows within 5%), for at most
     * {@code BENCH_WARMUP_SECS}.
     */
    private static void warmUp(Settings s, Arms arms) throws InterruptedException {
        long deadline = System.nanoTime() + s.warmup().toNanos();
        Duration window = Duration.ofMillis(Math.min(3000, s.warmup().toMillis()));
        double previous = 0;
        int windows = 0;
        while (System.nanoTime() < deadline) {
            double rate = LatencyRun.run(arms.target(Arms.JUNCTION, Arms.Kind.FAST),
                    arms.request(Arms.JUNCTION, Arms.Kind.FAST), 16, window, 0).perSecond();
            windows++;
            log("warm-up window %d: Junction %.0f req/s", windows, rate);
            if (windows >= 3 && Math.abs(rate - previous) <= 0.05 * previous) {
                break;
            }
            previous = rate;
        }
        StreamRun.run(arms.target(Arms.JUNCTION, Arms.Kind.BURST), arms.request(Arms.JUNCTION, Arms.Kind.BURST), 64, 16,
                Duration.ZERO, Duration.ofSeconds(s.quick() ? 1 : 5), false);
        for (String arm : List.of(Arms.DIRECT, Arms.NGINX)) {
            LatencyRun.run(arms.target(arm, Arms.Kind.FAST), arms.request(arm, Arms.Kind.FAST), 16, window, 0);
            StreamRun.run(arms.target(arm, Arms.Kind.BURST), arms.request(arm, Arms.Kind.BURST), 64, 16, Duration.ZERO,
                    window, false);
        }
    }

    static void log(String format, Object... args) {
        String line = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " "
                + String.format(Locale.ROOT, format, args);
        System.out.println(line);
        if (logFile != null) {
            try {
                Files.writeString(logFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // the console has it
            }
        }
    }
}
