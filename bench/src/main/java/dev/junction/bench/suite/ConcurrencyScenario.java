package dev.junction.bench.suite;

import dev.junction.bench.load.LatencyRun;
import dev.junction.bench.load.StreamRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Scenario 4: ten thousand slow streams open at once. Junction runs in a fresh process with the suite's
 * heap limit ({@code -Xmx1g}); the streams start over a few seconds and all stay open together for most
 * of their length. Measured at the plateau: open descriptors (proof of the concurrency), RSS, and the
 * live heap after a full collection requested through {@code jcmd GC.run}.
 */
final class ConcurrencyScenario {
    record Outcome(String arm, int streams, long ok, long failed, String causes, long lost, double idleRss,
                   double plateauRss, double peakRss, long plateauFds, double liveHeap, double maxHeapUsed,
                   double heapCommitted) {}

    private final Settings settings;
    private final Stack stack;
    private final Arms arms;
    final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    int streams;

    ConcurrencyScenario(Settings settings, Stack stack, Arms arms) {
        this.settings = settings;
        this.stack = stack;
        this.arms = arms;
    }

    void run() throws Exception {
        streams = Math.min(settings.slowStreams(), Limits.relayableStreams());
        for (String arm : List.of(Arms.JUNCTION, Arms.DIRECT, Arms.NGINX)) {
            Process process = switch (arm) {
                case Arms.JUNCTION -> {
                    stack.stopGateway();
                    Process p = stack.startGateway("s4", List.of());
                    // a short warm-up, so the idle figure is that of a gateway that has served
                    LatencyRun.run(arms.target(Arms.JUNCTION, Arms.Kind.FAST), arms.request(Arms.JUNCTION, Arms.Kind.FAST),
                            4, Duration.ofSeconds(2), 0);
                    Stack.sleep(2000);
                    yield p;
                }
                case Arms.NGINX -> {
                    // fresh, so its pool of idle upstream connections from earlier scenarios takes no descriptors
                    Stack.stop(stack.nginx);
                    stack.startNginx((int) Limits.openFiles() - 100);
                    yield stack.nginx;
                }
                default -> stack.mock;
            };
            outcomes.put(arm, measure(arm, process));
            Outcome o = outcomes.get(arm);
            Suite.log("S4 %-8s %d streams: %d ok %d failed %s, new fds at plateau %d, RSS idle %.0f plateau %.0f peak %.0f "
                    + "MiB, live heap %.0f MiB", arm, streams, o.ok(), o.failed(), o.causes(), o.plateauFds(), o.idleRss(),
                    o.plateauRss(), o.peakRss(), o.liveHeap());
            Stack.sleep(2000); // let the closed connections drain before the next arm opens as many
        }
    }

    private Outcome measure(String arm, Process process) throws Exception {
        ProcessHandle handle = process.toHandle();
        double idleRss = ProcStats.rssMiB(handle);
        long fdsBefore = openFiles(handle);
        boolean gateway = arm.equals(Arms.JUNCTION);
        Path gcLog = stack.gcLog("s4");
        long mark = gateway ? GcLog.mark(gcLog) : 0;
        Duration ramp = settings.slowRamp();
        long length = (long) (settings.slowChunks() - 1) * settings.slowIntervalMs();
        CompletableFuture<StreamRun.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return StreamRun.run(arms.target(arm, Arms.Kind.SLOW), arms.request(arm, Arms.Kind.SLOW),
                        settings.slowChunks(), streams, ramp, Duration.ZERO, true);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // the plateau: every stream has started and none has finished
        Stack.sleep(ramp.toMillis() + length / 3);
        long fds = openFiles(handle) - fdsBefore;
        double plateauRss = ProcStats.rssMiB(handle);
        double liveHeap = Double.NaN;
        if (gateway) {
            long beforeGc = GcLog.mark(gcLog);
            jcmd(process.pid(), "GC.run");
            liveHeap = GcLog.summary(gcLog, beforeGc).lastAfter();
        }
        StreamRun.Result r = run.get();
        if (r.sampleError() != null) {
            Suite.log("S4 %s: a failed stream said: %s", arm, r.sampleError());
        }
        GcLog.Summary gc = gateway ? GcLog.summary(gcLog, mark) : null;
        return new Outcome(arm, streams, r.ok(), r.failed(), r.failureCauses(), r.lost(), idleRss, plateauRss,
                arm.equals(Arms.NGINX) ? Double.NaN : ProcStats.peakRssMiB(process.pid()), fds, liveHeap,
                gc == null ? Double.NaN : gc.maxBefore(), gc == null ? Double.NaN : gc.maxCommitted());
    }

    private void jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(settings.java()).resolveSibling("jcmd");
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .redirectOutput(settings.out().resolve("jcmd.log").toFile()).start().waitFor();
    }

    /** Open descriptors of the process and its children (nginx's workers). */
    private static long openFiles(ProcessHandle process) {
        long n = count(process.pid());
        try (Stream<ProcessHandle> children = process.descendants()) {
            n += children.mapToLong(c -> count(c.pid())).sum();
        }
        return n;
    }

    private static long count(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return 0;
        }
    }

    void report(Report report) {
        report.heading("4. " + String.format("%,d", streams) + " concurrent slow streams");
        String why = streams < settings.slowStreams()
                ? " **Only " + String.format("%,d", streams) + " of " + String.format("%,d", settings.slowStreams())
                + ":** this machine's hard limit on open files is " + Limits.openFiles() + " per process (`ulimit -Hn`, "
                + "not raisable here), and a proxy holds two descriptors per relayed stream (client and upstream)."
                : "";
        report.para("Each stream: " + settings.slowChunks() + " chunks, " + settings.slowIntervalMs()
                + " ms apart; the streams start evenly over " + settings.slowRamp().toSeconds() + " s (a new stream every "
                + String.format(Locale.ROOT, "%.0f", settings.slowRamp().toMillis() * 1000.0 / Math.max(1, streams))
                + " µs, each a new client connection and, through a proxy, a new upstream one) and then stay open together. Junction runs in a fresh process with -Xmx"
                + settings.gatewayHeap() + ". Sampled a third of the way into the plateau: open descriptors of the proxy "
                + "process opened since the start (≈ 2 per stream for a proxy, 1 for the mock, proves they were all open at once), RSS; live heap = heap after the full "
                + "collection `jcmd GC.run` triggers at that moment; heap used/committed = the largest in the GC log "
                + "during the run (MiB). The direct row measures the mock; the nginx row nginx (master + worker)." + why);
        List<List<String>> rows = new ArrayList<>();
        for (Outcome o : outcomes.values()) {
            rows.add(List.of(o.arm(), Long.toString(o.ok()),
                    o.failed() + (o.causes().isEmpty() ? "" : " (" + o.causes() + ")"), Long.toString(o.lost()),
                    Long.toString(o.plateauFds()), Report.f0(o.idleRss()), Report.f0(o.plateauRss()), Report.f0(o.peakRss()),
                    Report.f0(o.liveHeap()), Report.f0(o.maxHeapUsed()), Report.f0(o.heapCommitted())));
        }
        report.table(List.of("arm", "ok", "failed", "lost chunks", "new fds at plateau", "RSS idle", "RSS plateau",
                "RSS peak", "live heap", "heap used max", "heap committed max"), rows);
        Outcome j = outcomes.get(Arms.JUNCTION);
        if (j != null) {
            report.check(String.format("%,d concurrent streams, zero errors, heap ≤ 1 GiB", streams),
                    j.ok() + " ok, " + j.failed() + " failed; live heap " + Report.f0(j.liveHeap()) + " MiB, committed max "
                            + Report.f0(j.heapCommitted()) + " MiB", j.failed() == 0 && j.ok() == streams);
        }
    }
}
