package dev.junction.providers.gemini;

import dev.junction.testing.Golden;
import dev.junction.testing.GoldenGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Golden cases of the Gemini translation (one directory each under {@code golden/gemini/}), through the real
 * gateway against an upstream that replays a recorded {@code generateContent} answer: see {@link GoldenGateway}.
 * Prices are Google's list prices of each model, cache reads at a quarter of the input price (Gemini 2.5
 * Flash's images at $0.001 each, to show the per-image charge).
 */
class GeminiGoldenTest {
    private static GoldenGateway golden;

    @BeforeAll
    static void start() {
        golden = new GoldenGateway("""
                providers:
                  google:
                    name: Google AI Studio
                    kind: gemini
                    base-url: ${UPSTREAM_ROOT}/v1beta
                    api-key-env: GOLDEN_GEMINI_KEY
                models:
                  google/gemini-2.5-flash:
                    endpoints:
                      - provider: google
                        upstream-model: gemini-2.5-flash
                        context-length: 1048576
                        pricing: {prompt: "0.0000003", completion: "0.0000025", input-cache-read: "0.000000075", image: "0.001"}
                  google/gemini-2.5-flash-image:
                    output-modalities: [image, text]
                    endpoints:
                      - provider: google
                        upstream-model: gemini-2.5-flash-image
                        context-length: 1048576
                        pricing: {prompt: "0.0000003", completion: "0.00003", input-cache-read: "0.0000003"}
                  google/gemini-2.5-pro:
                    endpoints:
                      - provider: google
                        upstream-model: gemini-2.5-pro
                        context-length: 1048576
                        pricing: {prompt: "0.00000125", completion: "0.00001", input-cache-read: "0.00000031"}
                  google/gemini-3-pro-preview:
                    endpoints:
                      - provider: google
                        upstream-model: gemini-3-pro-preview
                        context-length: 1048576
                        pricing: {prompt: "0.000002", completion: "0.000012", input-cache-read: "0.0000002"}
                """, Map.of("GOLDEN_GEMINI_KEY", "test-key"));
    }

    @AfterAll
    static void stop() {
        golden.close();
    }

    static Stream<Path> cases() {
        return Golden.cases("gemini");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesBothWays(Path dir) {
        golden.check(dir);
    }
}
