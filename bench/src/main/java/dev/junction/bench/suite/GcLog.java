package dev.junction.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures from a JVM's {@code -Xlog:gc} file: each collection logs {@code before->after(committed)}.
 * Reading the log costs the measured process nothing, unlike attaching a tool to it.
 */
final class GcLog {
    /** @param count collections seen; heap figures in MiB; {@code lastAfter} is the live heap after the latest one */
    record Summary(int count, double maxBefore, double lastAfter, double maxCommitted, double pauseMillis) {}

    private static final Pattern LINE = Pattern.compile(
            "GC\\(\\d+\\) Pause .*?(\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");

    private GcLog() {}

    /** Size of the log now: pass it to {@link #summary(Path, long)} to see only what comes after. */
    static long mark(Path log) {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    static Summary summary(Path log, long fromOffset) {
        int count = 0;
        double maxBefore = 0;
        double lastAfter = Double.NaN;
        double maxCommitted = 0;
        double pause = 0;
        try {
            byte[] all = Files.readAllBytes(log);
            String text = new String(all, (int) Math.min(fromOffset, all.length),
                    (int) (all.length - Math.min(fromOffset, all.length)), java.nio.charset.StandardCharsets.UTF_8);
            Matcher m = LINE.matcher(text);
            while (m.find()) {
                count++;
                maxBefore = Math.max(maxBefore, Double.parseDouble(m.group(1)));
                lastAfter = Double.parseDouble(m.group(2));
                maxCommitted = Math.max(maxCommitted, Double.parseDouble(m.group(3)));
                pause += Double.parseDouble(m.group(4));
            }
        } catch (IOException e) {
            return new Summary(0, 0, Double.NaN, 0, 0);
        }
        return new Summary(count, maxBefore, lastAfter, maxCommitted, pause);
    }
}
