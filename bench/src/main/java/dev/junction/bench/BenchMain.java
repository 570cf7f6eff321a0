package dev.junction.bench;

import dev.junction.bench.mock.MockUpstream;
import dev.junction.bench.suite.Suite;

import java.util.Arrays;

/**
 * Entry point of {@code junction-bench.jar}: {@code suite} (what bench/run.sh runs), {@code mock}
 * (the mock upstream alone), {@code jmh} (the micro-benchmarks alone, JMH's own options).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "suite" -> Suite.main(rest);
            case "mock" -> MockUpstream.main(rest);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            case "load" -> dev.junction.bench.load.LoadMain.main(rest);
            case "tail" -> dev.junction.bench.load.TailTrace.main(rest);
            case "ab" -> dev.junction.bench.suite.AbCompare.main(rest);
            case "cputime" -> dev.junction.bench.jmh.CpuTimeRunner.main(rest);
            case "telemetry" -> dev.junction.bench.suite.TelemetryCost.main(rest);
            default -> System.out.println("""
                    usage: java -jar junction-bench.jar <command>
                      suite                 every scenario; run it through bench/run.sh
                      mock [--port N]       the mock upstream alone
                      jmh [JMH options]     the micro-benchmarks alone, e.g. jmh -f 1 -prof gc RequestParse
                      load URL [--c N] [--secs S] [--rate R] [--key K] [--body JSON] [--stream CHUNKS]
                                            one ad-hoc load run
                      tail URL [--secs S] [--key K] [--body JSON] [--pid PID]
                                            one connection: the percentiles, the spacing of the slow requests, and
                                            with a pid the CPU per request of each of its threads
                      ab JAR_A JAR_B [ROUNDS]  two builds of junction.jar compared: CPU and bytes per request
                      cputime [Bench[.method]]  the micro-benchmarks timed by CPU time (steadier on a shared machine)
                      telemetry [rounds] [n]    what metrics and tracing cost per request (in-process gateway, CPU time)""");
        }
    }
}
