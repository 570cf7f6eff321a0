package dev.junction.bench.suite;

import dev.junction.bench.load.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop maximum throughput with Debian's {@code wrk}: written in C, one thread, it leaves the
 * most CPU to the proxy under test of any load generator available here.
 */
final class Wrk {
    /** @param socketErrors connect + read + write + timeout errors as wrk counts them */
    record Result(String arm, int connections, double perSecond, long requests, long non2xx, long socketErrors,
                  double p50Micros, double p99Micros, String raw) {
        long errors() {
            return non2xx + socketErrors;
        }
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);

    private Wrk() {}

    static Result run(Target target, String jsonBody, int connections, Duration duration, Path dir)
            throws IOException, InterruptedException {
        Path script = dir.resolve("wrk-" + target.arm() + ".lua");
        StringBuilder lua = new StringBuilder()
                .append("wrk.method = \"POST\"\n")
                .append("wrk.body = [==[").append(jsonBody).append("]==]\n")
                .append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        target.headers().forEach((k, v) -> lua.append("wrk.headers[\"").append(k).append("\"] = \"").append(v).append("\"\n"));
        Files.writeString(script, lua);
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "10s", "--latency",
                "-s", script.toString(), target.url()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return parse(target.arm(), connections, out);
    }

    static Result parse(String arm, int connections, String out) {
        double rps = find(RPS, out).map(Double::parseDouble).orElse(0.0);
        long total = find(TOTAL, out).map(Long::parseLong).orElse(0L);
        long non2xx = find(NON2XX, out).map(Long::parseLong).orElse(0L);
        long socket = 0;
        Matcher s = SOCKET.matcher(out);
        if (s.find()) {
            for (int i = 1; i <= 4; i++) {
                socket += Long.parseLong(s.group(i));
            }
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher m = PERCENTILE.matcher(out);
        while (m.find()) {
            double v = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
                case "us" -> 1.0;
                case "ms" -> 1000.0;
                default -> 1_000_000.0;
            };
            if (m.group(1).equals("50")) {
                p50 = v;
            } else {
                p99 = v;
            }
        }
        return new Result(arm, connections, rps, total, non2xx, socket, p50, p99, out);
    }

    private static java.util.Optional<String> find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }
}
