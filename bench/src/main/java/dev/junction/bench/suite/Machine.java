package dev.junction.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the results were measured on. */
final class Machine {
    private Machine() {}

    static List<List<String>> describe() {
        return List.of(
                List.of("CPUs (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors())),
                List.of("CPU", firstLine("/proc/cpuinfo", "model name")),
                List.of("memory", firstLine("/proc/meminfo", "MemTotal")),
                List.of("kernel", read("/proc/sys/kernel/osrelease")),
                List.of("JDK", System.getProperty("java.vm.vendor") + " " + Runtime.version()),
                List.of("nginx", command("nginx", "-v")),
                List.of("wrk", command("wrk", "-v").lines().findFirst().orElse("")),
                List.of("open files limit", Long.toString(Limits.openFiles())));
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "not found";
        }
    }
}
