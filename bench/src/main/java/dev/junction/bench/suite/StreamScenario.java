package dev.junction.bench.suite;

import dev.junction.bench.load.Latencies;
import dev.junction.bench.load.StreamRun;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: streams of 64 chunks, 20 ms apart, at 1, 100 and 1,000 concurrent streams. Added time to
 * first token and added inter-chunk gap (arm − direct at the same percentile), and every chunk checked:
 * lost, merged into another event, or out of order.
 */
final class StreamScenario {
    static final int[] CONCURRENCIES = {1, 100, 1000};
    static final int CHUNKS = 64;
    /** One stream's length: the ramp over which workers start, so the load is steady when measuring. */
    static final Duration STREAM_LENGTH = Duration.ofMillis(63 * 20);

    static final class Cell {
        final Histogram ttft = Latencies.gaps();
        final Histogram gaps = Latencies.gaps();
        long ok;
        long failed;
        long lost;
        long merged;
        long outOfOrder;
        long chunks;
        double proxyCpuMillis;
        double mockCpuMillis;
        final java.util.Map<StreamRun.Failure, Long> causes = new java.util.EnumMap<>(StreamRun.Failure.class);

        void add(StreamRun.Result r, double[] cpu) {
            r.failures().forEach((f, n) -> causes.merge(f, n, Long::sum));
            ttft.add(r.ttft());
            gaps.add(r.gaps());
            ok += r.ok();
            failed += r.failed();
            lost += r.lost();
            merged += r.merged();
            outOfOrder += r.outOfOrder();
            chunks += r.chunks();
            proxyCpuMillis += cpu[0];
            mockCpuMillis += cpu[1];
        }
    }

    private final Settings settings;
    private final Stack stack;
    private final Arms arms;
    final Map<String, Cell> cells = new LinkedHashMap<>();

    StreamScenario(Settings settings, Stack stack, Arms arms) {
        this.settings = settings;
        this.stack = stack;
        this.arms = arms;
    }

    void round(int round) throws InterruptedException {
        if (round == 0) {
            warmUp();
        }
        for (int c : CONCURRENCIES) {
            Duration ramp = c == 1 ? Duration.ZERO : STREAM_LENGTH;
            Duration measure = c == 1 ? settings.streamMeasureSingle() : settings.streamMeasure();
            for (String arm : Arms.order(round)) {
                Cpu cpu = Cpu.start(stack, arm);
                StreamRun.Result r = StreamRun.run(arms.target(arm, Arms.Kind.STREAM), arms.request(arm, Arms.Kind.STREAM),
                        CHUNKS, c, ramp, measure, false);
                cell(arm, c).add(r, cpu.stop());
                if (r.sampleError() != null) {
                    Suite.log("S3 %s: a failed stream said: %s", arm, r.sampleError());
                }
                Suite.log("S3 round %d streams=%d %-8s %d ok %d failed %s, TTFT p50 %.0f µs, gap p50 %.0f p99 %.0f µs, "
                                + "lost %d merged %d", round + 1, c, arm, r.ok(), r.failed(), r.failureCauses(),
                        Latencies.micros(r.ttft(), 50), Latencies.micros(r.gaps(), 50), Latencies.micros(r.gaps(), 99),
                        r.lost(), r.merged());
            }
        }
    }

    /**
     * The suite's warm-up sends only whole answers, so without this the first cell (one stream) measured Junction's
     * stream path while the JIT was still compiling it: its TTFT was a warm-up's, not a server's steady state.
     * Bursts (64 chunks at once) run thousands of streams through every per-stream and per-chunk step in a few
     * seconds; nothing of this is measured.
     */
    private void warmUp() throws InterruptedException {
        Duration each = Duration.ofMillis(Math.min(settings.warmup().toMillis(), 20_000));
        for (String arm : List.of(Arms.JUNCTION, Arms.NGINX)) {
            StreamRun.Result r = StreamRun.run(arms.target(arm, Arms.Kind.BURST), arms.request(arm, Arms.Kind.BURST),
                    CHUNKS, 8, Duration.ZERO, each, false);
            Suite.log("S3 warm-up %s: %d streams of %d chunks at once", arm, r.ok(), CHUNKS);
        }
    }

    Cell cell(String arm, int c) {
        return cells.computeIfAbsent(arm + "@" + c, k -> new Cell());
    }

    void report(Report report) {
        report.heading("3. Streaming: 64 chunks 20 ms apart at 1 / 100 / 1,000 concurrent streams");
        report.para("Each worker runs streams back to back on a keep-alive connection; workers start spread over one "
                + "stream's length (1.26 s) and only streams started after that are counted. TTFT = send → first content "
                + "chunk; gap = arrival of chunk i−1 → chunk i (both µs, from the socket read that delivered the event). "
                + "Every chunk carries its number: *lost* = never arrived, *merged* = arrived inside another chunk's "
                + "SSE event, *order* = arrived out of order. A stream is *ok* when it answered 200, ended with "
                + "`[DONE]` and none of its chunks was lost, merged or reordered. " + settings.streamRounds()
                + " rounds; 1 stream runs " + settings.streamMeasureSingle().toSeconds() + " s per round, the others "
                + settings.streamMeasure().toSeconds() + " s after the ramp. Before the first round, bursts of 64 chunks "
                + "at once (8 streams at a time) warm Junction's and nginx's stream paths up, unmeasured.");
        List<List<String>> rows = new ArrayList<>();
        for (int c : CONCURRENCIES) {
            Cell direct = cell(Arms.DIRECT, c);
            Cell junction = cell(Arms.JUNCTION, c);
            Cell nginx = cell(Arms.NGINX, c);
            for (String arm : List.of(Arms.DIRECT, Arms.JUNCTION, Arms.NGINX)) {
                Cell x = cell(arm, c);
                boolean base = arm.equals(Arms.DIRECT);
                rows.add(List.of(Integer.toString(c), arm, x.ok + " / " + (x.ok + x.failed) + causes(x),
                        Report.f0(p(x.ttft, 50)), Report.f0(p(x.ttft, 99)),
                        base ? "" : Report.f0(p(x.ttft, 50) - p(direct.ttft, 50)),
                        Report.f0(p(x.gaps, 50)), Report.f0(p(x.gaps, 99)), Report.f0(p(x.gaps, 99.9)),
                        base ? "" : Report.f0(p(x.gaps, 50) - p(direct.gaps, 50)),
                        base ? "" : Report.f0(p(x.gaps, 99) - p(direct.gaps, 99)),
                        x.lost + " / " + x.merged + " / " + x.outOfOrder,
                        base ? "" : Report.f1(x.proxyCpuMillis * 1000 / Math.max(1, x.chunks)),
                        Report.f1(x.mockCpuMillis * 1000 / Math.max(1, x.chunks))));
            }
            double ttftAdded = p(junction.ttft, 50) - p(direct.ttft, 50);
            double gapAdded = p(junction.gaps, 99) - p(direct.gaps, 99);
            rows.add(List.of(Integer.toString(c), "**ratio J/N**", "", "", "",
                    "**" + Report.f2(Report.ratio(ttftAdded, p(nginx.ttft, 50) - p(direct.ttft, 50))) + "×**", "", "", "", "",
                    "**" + Report.f2(Report.ratio(gapAdded, p(nginx.gaps, 99) - p(direct.gaps, 99))) + "×**", "", "", ""));
            report.check("streams=" + c + ": added TTFT p50 ≤ 150 µs", Report.f0(ttftAdded) + " µs", ttftAdded <= 150);
            report.check("streams=" + c + ": added inter-chunk gap p99 ≤ 100 µs", Report.f0(gapAdded) + " µs", gapAdded <= 100);
            report.check("streams=" + c + ": zero lost or merged chunks", junction.lost + " lost, " + junction.merged
                    + " merged, " + junction.outOfOrder + " out of order, " + junction.failed + " failed streams",
                    junction.lost + junction.merged + junction.outOfOrder == 0);
        }
        report.table(List.of("streams", "arm", "ok / streams", "TTFT p50", "TTFT p99", "added TTFT p50", "gap p50",
                "gap p99", "gap p99.9", "added gap p50", "added gap p99", "lost / merged / order",
                "proxy CPU µs/chunk", "mock CPU µs/chunk"), rows);
    }

    private static String causes(Cell x) {
        String text = x.causes.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private static double p(Histogram h, double percentile) {
        return Latencies.micros(h, percentile);
    }
}
