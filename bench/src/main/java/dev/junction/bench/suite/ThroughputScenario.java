package dev.junction.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2: the most non-streaming requests per second each arm serves at 64 and 256 connections,
 * with wrk (closed loop, one thread) sharing the two cores with the mock and the proxy, as the issue
 * asks. The figure per arm is the median over rounds; errors are summed.
 */
final class ThroughputScenario {
    static final int[] CONNECTIONS = {64, 256};

    static final class Cell {
        final List<Wrk.Result> runs = new ArrayList<>();
        double proxyCpuMillis;
        double mockCpuMillis;

        double median(java.util.function.ToDoubleFunction<Wrk.Result> f) {
            double[] v = runs.stream().mapToDouble(f).sorted().toArray();
            return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        long errors() {
            return runs.stream().mapToLong(Wrk.Result::errors).sum();
        }

        long requests() {
            return runs.stream().mapToLong(Wrk.Result::requests).sum();
        }

        String perRound() {
            return Arrays.toString(runs.stream().mapToLong(r -> Math.round(r.perSecond())).toArray());
        }
    }

    private final Settings settings;
    private final Stack stack;
    private final Arms arms;
    final Map<String, Cell> cells = new LinkedHashMap<>();

    ThroughputScenario(Settings settings, Stack stack, Arms arms) {
        this.settings = settings;
        this.stack = stack;
        this.arms = arms;
    }

    void round(int round) throws IOException, InterruptedException {
        for (int c : CONNECTIONS) {
            for (String arm : Arms.order(round)) {
                Cpu cpu = Cpu.start(stack, arm);
                Wrk.Result r = Wrk.run(arms.target(arm, Arms.Kind.FAST), Arms.body(arm, Arms.Kind.FAST), c,
                        settings.throughputRun(), settings.out());
                double[] used = cpu.stop();
                Cell cell = cell(arm, c);
                cell.runs.add(r);
                cell.proxyCpuMillis += used[0];
                cell.mockCpuMillis += used[1];
                Suite.log("S2 round %d c=%d %-8s %8.0f req/s errors %d (non-2xx %d, socket %d)", round + 1, c, arm,
                        r.perSecond(), r.errors(), r.non2xx(), r.socketErrors());
                if (r.requests() == 0) {
                    Suite.log("wrk said:%n%s", r.raw());
                }
            }
        }
    }

    Cell cell(String arm, int c) {
        return cells.computeIfAbsent(arm + "@" + c, k -> new Cell());
    }

    void report(Report report) {
        report.heading("2. Maximum non-streaming throughput (wrk, 64 and 256 connections)");
        report.para("`wrk -t1 -c<N> -d" + settings.throughputRun().toSeconds() + "s` per arm and round, "
                + settings.rounds() + " rounds interleaved; req/s is the median round, errors (non-2xx + socket "
                + "errors) the sum over rounds, latency the median round's wrk percentiles (µs). nginx runs "
                + settings.nginxWorkers() + " worker process(es); Junction 2 event loops.");
        List<List<String>> rows = new ArrayList<>();
        for (int c : CONNECTIONS) {
            Cell nginx = cell(Arms.NGINX, c);
            Cell junction = cell(Arms.JUNCTION, c);
            for (String arm : List.of(Arms.DIRECT, Arms.JUNCTION, Arms.NGINX)) {
                Cell x = cell(arm, c);
                double rps = x.median(Wrk.Result::perSecond);
                rows.add(List.of(Integer.toString(c), arm, Report.f0(rps), x.perRound(), Long.toString(x.errors()),
                        Report.f0(x.median(Wrk.Result::p50Micros)), Report.f0(x.median(Wrk.Result::p99Micros)),
                        arm.equals(Arms.DIRECT) ? "" : Report.f1(x.proxyCpuMillis * 1000 / Math.max(1, x.requests())),
                        Report.f1(x.mockCpuMillis * 1000 / Math.max(1, x.requests())),
                        arm.equals(Arms.JUNCTION) ? Report.f2(rps / nginx.median(Wrk.Result::perSecond)) + "× nginx" : ""));
            }
            double share = junction.median(Wrk.Result::perSecond) / nginx.median(Wrk.Result::perSecond);
            if (c == 64) {
                report.check("throughput at 64 connections ≥ 75% of nginx's", Report.f0(junction.median(Wrk.Result::perSecond))
                        + " vs " + Report.f0(nginx.median(Wrk.Result::perSecond)) + " req/s = " + Report.f0(share * 100) + "%",
                        share >= 0.75);
            } else {
                Cell j64 = cell(Arms.JUNCTION, 64);
                double kept = junction.median(Wrk.Result::perSecond) / j64.median(Wrk.Result::perSecond);
                report.check("256 connections: no errors, no collapse", junction.errors() + " errors; "
                        + Report.f0(kept * 100) + "% of Junction's c=64 rate", junction.errors() == 0 && kept >= 0.75);
            }
        }
        report.table(List.of("connections", "arm", "req/s", "per round", "errors", "p50", "p99", "proxy CPU µs/req",
                "mock CPU µs/req", "vs nginx"), rows);
    }
}
