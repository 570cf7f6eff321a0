package dev.junction.generation.responses;

import dev.junction.testing.Golden;
import dev.junction.testing.DialectGoldens;
import dev.junction.testing.GoldenGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Golden cases of the Responses API (one directory each under {@code golden/responses/}), through the real
 * gateway — the Responses parser, the generation, each provider's translator and the Responses renderer —
 * against an upstream that replays a recorded answer: see {@link GoldenGateway}. Each case names its path
 * ({@code /api/v1/responses}) in {@code case.json}; the model picks the upstream protocol.
 */
class ResponsesGoldenTest {
    private static GoldenGateway golden;

    @BeforeAll
    static void start() {
        golden = DialectGoldens.start("");
    }

    @AfterAll
    static void stop() {
        golden.close();
    }

    static Stream<Path> cases() {
        return Golden.cases("responses");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesBothWays(Path dir) {
        golden.check(dir);
    }
}
