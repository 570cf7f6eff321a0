package dev.junction.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Operating-system limits that bound what a scenario can ask of a process. */
final class Limits {
    private Limits() {}

    /** The open-files limit every process here inherits (the hard limit; the JVM raises its soft limit to it). */
    static long openFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[1].equals("unlimited") ? 1_048_576 : Long.parseLong(f[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 1024;
        }
        return 1024;
    }

    /**
     * How many streams a proxy can relay at once: each holds two descriptors (the client's connection
     * and the upstream's), and a proxy needs some for itself — a JVM ~200 (jars, selectors, logs); nginx
     * ran out of worker connections ("reusing connections") at 9,850 streams under a 20,000 limit.
     */
    static int relayableStreams() {
        return (int) ((openFiles() - 1000) / 2);
    }
}
