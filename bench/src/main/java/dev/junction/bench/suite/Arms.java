package dev.junction.bench.suite;

import dev.junction.bench.load.Target;

import java.util.List;
import java.util.Map;

/**
 * The three ways a request reaches the mock: directly, through Junction, through nginx. The direct
 * and nginx arms ask the mock path for the behaviour; the Junction arm names a model whose provider's
 * base-url carries that path (bench/junction-bench.yaml).
 */
final class Arms {
    static final String DIRECT = "direct";
    static final String JUNCTION = "junction";
    static final String NGINX = "nginx";

    /** A request kind: the mock path for direct/nginx and the model Junction routes to that path. */
    enum Kind {
        FAST("/v1/chat/completions", "bench/fast", false),
        STREAM("/stream/64/20/v1/chat/completions", "bench/stream", true),
        BURST("/stream/64/0/v1/chat/completions", "bench/burst", true),
        SLOW(null, "bench/slow", true);

        final String mockPath;
        final String model;
        final boolean stream;

        Kind(String mockPath, String model, boolean stream) {
            this.mockPath = mockPath;
            this.model = model;
            this.stream = stream;
        }
    }

    private final Settings settings;

    Arms(Settings settings) {
        this.settings = settings;
    }

    Target target(String arm, Kind kind) {
        String mockPath = kind == Kind.SLOW
                ? "/stream/" + settings.slowChunks() + "/" + settings.slowIntervalMs() + "/v1/chat/completions"
                : kind.mockPath;
        return switch (arm) {
            case DIRECT -> new Target(DIRECT, "127.0.0.1", settings.mockPort(), mockPath, Map.of());
            case NGINX -> new Target(NGINX, "127.0.0.1", settings.nginxPort(), mockPath, Map.of());
            case JUNCTION -> new Target(JUNCTION, "127.0.0.1", settings.gatewayPort(), "/api/v1/chat/completions",
                    Map.of("Authorization", "Bearer " + settings.key()));
            default -> throw new IllegalArgumentException(arm);
        };
    }

    /** The body each arm sends: the same small chat request, naming the mock's model or Junction's. */
    static String body(String arm, Kind kind) {
        String model = arm.equals(JUNCTION) ? kind.model : "gpt-bench";
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
                + "{\"role\":\"user\",\"content\":\"Say hello in one short sentence.\"}],\"max_tokens\":64,"
                + "\"temperature\":0.7" + (kind.stream ? ",\"stream\":true" : "") + "}";
    }

    byte[] request(String arm, Kind kind) {
        return target(arm, kind).post(body(arm, kind));
    }

    /** The arms in a different order each round, so no arm always runs first (or right after another). */
    static List<String> order(int round) {
        List<String> all = List.of(DIRECT, JUNCTION, NGINX);
        int shift = round % all.size();
        return java.util.stream.Stream.concat(all.subList(shift, all.size()).stream(), all.subList(0, shift).stream())
                .toList();
    }
}
