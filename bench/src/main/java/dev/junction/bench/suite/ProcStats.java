package dev.junction.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time and memory of a process, read from {@code /proc}. CPU per request is the steadiest figure
 * this shared machine gives: latency moves with every neighbour, CPU seconds spent per request much less.
 */
final class ProcStats {
    /** USER_HZ: the unit of utime/stime in /proc/pid/stat; 100 on every Linux this runs on. */
    private static final double TICK_MILLIS = 10.0;

    private ProcStats() {}

    /** User + system CPU milliseconds of the process and all its descendants (nginx's workers). */
    static double cpuMillis(ProcessHandle process) {
        double total = cpuMillis(process.pid());
        try (Stream<ProcessHandle> children = process.descendants()) {
            total += children.mapToDouble(c -> cpuMillis(c.pid())).sum();
        }
        return total;
    }

    static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name may contain spaces; fields after it are space-separated
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MILLIS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Resident set in MiB (VmRSS), summed over descendants; 0 if the process is gone. */
    static double rssMiB(ProcessHandle process) {
        double total = status(process.pid(), "VmRSS:");
        try (Stream<ProcessHandle> children = process.descendants()) {
            total += children.mapToDouble(c -> status(c.pid(), "VmRSS:")).sum();
        }
        return total;
    }

    /** Peak resident set in MiB (VmHWM) of the process itself. */
    static double peakRssMiB(long pid) {
        return status(pid, "VmHWM:");
    }

    static int threads(long pid) {
        return (int) status(pid, "Threads:");
    }

    private static double status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    double v = Double.parseDouble(parts[0]);
                    return parts.length > 1 && parts[1].equals("kB") ? v / 1024.0 : v;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The 1-, 5- and 15-minute load averages, as the kernel prints them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
