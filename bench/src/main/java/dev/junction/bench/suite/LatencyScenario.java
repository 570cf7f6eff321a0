package dev.junction.bench.suite;

import dev.junction.bench.load.Latencies;
import dev.junction.bench.load.LatencyRun;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1: what Junction adds to a non-streaming request at concurrency 1, 16 and 64. Closed loop
 * (each connection waits for its answer before the next request), so there is no coordinated omission
 * to correct: a latency is the time the client actually waited. Rounds interleave the arms; a cell
 * merges its histograms over all rounds.
 */
final class LatencyScenario {
    static final int[] CONCURRENCIES = {1, 16, 64};

    /** Everything measured for one arm at one concurrency, summed over rounds. */
    static final class Cell {
        final Histogram latency = Latencies.requests();
        long requests;
        long errors;
        double elapsedSeconds;
        double proxyCpuMillis;
        double mockCpuMillis;

        void add(LatencyRun.Result r, double[] cpu) {
            latency.add(r.latency());
            requests += r.requests();
            errors += r.errors();
            elapsedSeconds += r.elapsedNanos() / 1e9;
            proxyCpuMillis += cpu[0];
            mockCpuMillis += cpu[1];
        }

        double p(double percentile) {
            return Latencies.micros(latency, percentile);
        }

        double proxyCpuMicrosPerRequest() {
            return requests == 0 ? Double.NaN : proxyCpuMillis * 1000 / requests;
        }

        double mockCpuMicrosPerRequest() {
            return requests == 0 ? Double.NaN : mockCpuMillis * 1000 / requests;
        }
    }

    private final Settings settings;
    private final Stack stack;
    private final Arms arms;
    final Map<String, Cell> cells = new LinkedHashMap<>();

    LatencyScenario(Settings settings, Stack stack, Arms arms) {
        this.settings = settings;
        this.stack = stack;
        this.arms = arms;
    }

    void round(int round) throws InterruptedException {
        for (int c : CONCURRENCIES) {
            for (String arm : Arms.order(round)) {
                Cpu cpu = Cpu.start(stack, arm);
                LatencyRun.Result r = LatencyRun.run(arms.target(arm, Arms.Kind.FAST), arms.request(arm, Arms.Kind.FAST),
                        c, settings.latencyRun(), 0);
                cell(arm, c).add(r, cpu.stop());
                Suite.log("S1 round %d c=%d %-8s %7.0f req/s p50 %6.1f µs p99 %7.1f µs errors %d", round + 1, c, arm,
                        r.perSecond(), Latencies.micros(r.latency(), 50), Latencies.micros(r.latency(), 99), r.errors());
            }
        }
    }

    Cell cell(String arm, int c) {
        return cells.computeIfAbsent(arm + "@" + c, k -> new Cell());
    }

    void report(Report report) {
        report.heading("1. Non-streaming added latency (closed loop, concurrency 1 / 16 / 64)");
        report.para("Each connection sends its next request when the previous answer is complete; a latency is send → "
                + "last byte. " + settings.rounds() + " rounds × " + settings.latencyRun().toSeconds()
                + " s per arm and concurrency, arms interleaved; percentiles over all rounds (µs). "
                + "*added* = arm − direct at the same percentile; *ratio* = Junction's added / nginx's added. "
                + "CPU µs/req = CPU of the proxy process (or the mock) per request, from /proc.");
        List<List<String>> rows = new ArrayList<>();
        for (int c : CONCURRENCIES) {
            Cell direct = cell(Arms.DIRECT, c);
            Cell junction = cell(Arms.JUNCTION, c);
            Cell nginx = cell(Arms.NGINX, c);
            for (String arm : List.of(Arms.DIRECT, Arms.JUNCTION, Arms.NGINX)) {
                Cell x = cell(arm, c);
                rows.add(List.of(Integer.toString(c), arm, Long.toString(x.requests),
                        Report.f0(x.requests / x.elapsedSeconds),
                        Report.f1(x.p(50)), Report.f1(x.p(90)), Report.f1(x.p(99)), Report.f1(x.p(99.9)),
                        arm.equals(Arms.DIRECT) ? "" : Report.f1(x.p(50) - direct.p(50)),
                        arm.equals(Arms.DIRECT) ? "" : Report.f1(x.p(99) - direct.p(99)),
                        Long.toString(x.errors),
                        arm.equals(Arms.DIRECT) ? "" : Report.f1(x.proxyCpuMicrosPerRequest()),
                        Report.f1(x.mockCpuMicrosPerRequest())));
            }
            double r50 = Report.ratio(junction.p(50) - direct.p(50), nginx.p(50) - direct.p(50));
            double r99 = Report.ratio(junction.p(99) - direct.p(99), nginx.p(99) - direct.p(99));
            rows.add(List.of(Integer.toString(c), "**ratio J/N**", "", "", "**" + Report.f2(r50) + "×** (p50)", "",
                    "**" + Report.f2(r99) + "×** (p99)", "", "", "", "", "", ""));
            if (c == 1) {
                report.check("c=1 added p50 ≤ 1.5× nginx's added p50", Report.f1(junction.p(50) - direct.p(50)) + " µs vs "
                        + Report.f1(nginx.p(50) - direct.p(50)) + " µs = " + Report.f2(r50) + "×", Double.isNaN(r50) ? null : r50 <= 1.5);
                report.check("c=1 added p99 ≤ 3× nginx's added p99", Report.f1(junction.p(99) - direct.p(99)) + " µs vs "
                        + Report.f1(nginx.p(99) - direct.p(99)) + " µs = " + Report.f2(r99) + "×", Double.isNaN(r99) ? null : r99 <= 3);
            }
        }
        report.table(List.of("c", "arm", "requests", "req/s", "p50", "p90", "p99", "p99.9", "added p50", "added p99",
                "errors", "proxy CPU µs/req", "mock CPU µs/req"), rows);
    }
}
