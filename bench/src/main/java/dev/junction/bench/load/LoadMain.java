package dev.junction.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One ad-hoc load run, for profiling or trying a change without the whole suite:
 * {@code load <url> [--c N] [--secs S] [--rate R] [--body JSON] [--key K] [--stream CHUNKS]}.
 */
public final class LoadMain {
    /** The request both ad-hoc tools send unless told otherwise: a non-streamed chat completion of the fast model. */
    static final String DEFAULT_BODY =
            "{\"model\":\"bench/fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";

    private LoadMain() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int c = 1;
        double secs = 5;
        double rate = 0;
        int streamChunks = 0;
        String body = DEFAULT_BODY;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--c" -> c = Integer.parseInt(args[i + 1]);
                case "--secs" -> secs = Double.parseDouble(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--body" -> body = args[i + 1];
                case "--key" -> headers.put("Authorization", "Bearer " + args[i + 1]);
                case "--stream" -> streamChunks = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Target target = new Target("adhoc", url.getHost(), url.getPort(), url.getRawPath(), headers);
        Duration duration = Duration.ofMillis((long) (secs * 1000));
        if (streamChunks > 0) {
            StreamRun.Result r = StreamRun.run(target, target.post(body), streamChunks, c, Duration.ZERO, duration, false);
            System.out.printf(Locale.ROOT, "%d ok %d failed; TTFT p50 %.1f p99 %.1f µs; gap p50 %.1f p99 %.1f µs; lost %d merged %d%n",
                    r.ok(), r.failed(), Latencies.micros(r.ttft(), 50), Latencies.micros(r.ttft(), 99),
                    Latencies.micros(r.gaps(), 50), Latencies.micros(r.gaps(), 99), r.lost(), r.merged());
        } else {
            LatencyRun.Result r = LatencyRun.run(target, target.post(body), c, duration, rate);
            System.out.printf(Locale.ROOT, "%.0f req/s, %d errors; p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f µs%n",
                    r.perSecond(), r.errors(), Latencies.micros(r.latency(), 50), Latencies.micros(r.latency(), 90),
                    Latencies.micros(r.latency(), 99), Latencies.micros(r.latency(), 99.9));
        }
    }
}
