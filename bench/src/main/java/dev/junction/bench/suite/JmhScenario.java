package dev.junction.bench.suite;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scenario 7: the JMH micro-benchmarks of the hot-path pieces, in a forked JVM on an otherwise idle
 * stack (every other process is stopped first), with JMH's GC profiler for bytes allocated per call.
 */
final class JmhScenario {
    private final Settings settings;
    private JsonNode results;

    JmhScenario(Settings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        Path json = settings.out().resolve("jmh.json");
        List<String> command = new ArrayList<>(List.of(settings.java(), "-cp", settings.benchJar().toString(),
                "org.openjdk.jmh.Main"));
        command.addAll(Arrays.asList(settings.jmhArgs().trim().split("\\s+")));
        command.addAll(List.of("-bm", "avgt", "-tu", "ns", "-prof", "gc", "-rf", "json", "-rff", json.toString(),
                "dev.junction.bench.jmh"));
        Suite.log("S7 %s", String.join(" ", command));
        int exit = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(settings.out().resolve("jmh.log").toFile()).start().waitFor();
        if (exit != 0 || !Files.exists(json)) {
            throw new IllegalStateException("JMH failed (exit " + exit + "), see jmh.log");
        }
        results = JsonMapper.builder().build().readTree(json.toFile());
    }

    void report(Report report) {
        report.heading("7. JMH: the hot-path pieces");
        report.para("`" + settings.jmhArgs() + " -bm avgt -prof gc` (one fork; short, so ± is wide on this machine). "
                + "ns per call, and bytes allocated per call (`gc.alloc.rate.norm`).");
        List<List<String>> rows = new ArrayList<>();
        if (results != null) {
            for (JsonNode b : results) {
                String name = b.path("benchmark").asString().replace("dev.junction.bench.jmh.", "");
                JsonNode primary = b.path("primaryMetric");
                JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm");
                rows.add(List.of("`" + name + "`", Report.f1(number(primary.path("score"))),
                        Report.f1(number(primary.path("scoreError"))),
                        alloc.isMissingNode() ? "–" : Report.f0(number(alloc.path("score")))));
            }
        }
        report.table(List.of("benchmark", "ns/op", "±", "B/op"), rows);
    }

    /** JMH writes "NaN" as a string when there are too few iterations for an error estimate. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
