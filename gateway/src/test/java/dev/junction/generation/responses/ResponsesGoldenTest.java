package dev.junction.generation.responses;

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
 * Golden cases of the Responses API (one directory each under {@code golden/responses/}), through the real
 * gateway — the Responses parser, the generation, each provider's translator and the Responses renderer —
 * against an upstream that replays a recorded answer: see {@link GoldenGateway}. Each case names its path
 * ({@code /api/v1/responses}) in {@code case.json}; the model picks the upstream protocol.
 */
class ResponsesGoldenTest {
    private static GoldenGateway golden;

    @BeforeAll
    static void start() {
        golden = new GoldenGateway("""
                providers:
                  openai-replay:
                    name: OpenAI
                    base-url: ${UPSTREAM}
                  anthropic-replay:
                    name: Anthropic
                    kind: anthropic
                    base-url: ${UPSTREAM}
                    api-key-env: GOLDEN_ANTHROPIC_KEY
                  gemini-replay:
                    name: Google AI Studio
                    kind: gemini
                    base-url: ${UPSTREAM_ROOT}/v1beta
                    api-key-env: GOLDEN_GEMINI_KEY
                models:
                  openai/gpt-4o-mini:
                    endpoints:
                      - {provider: openai-replay, upstream-model: gpt-4o-mini, pricing: {prompt: "0.00000015", completion: "0.0000006"}}
                  anthropic/claude-sonnet-4.5:
                    endpoints:
                      - provider: anthropic-replay
                        upstream-model: claude-sonnet-4-5-20250929
                        max-completion-tokens: 64000
                        pricing: {prompt: "0.000003", completion: "0.000015", input-cache-read: "0.0000003", input-cache-write: "0.00000375"}
                  google/gemini-3-pro-preview:
                    endpoints:
                      - provider: gemini-replay
                        upstream-model: gemini-3-pro-preview
                        context-length: 1048576
                        pricing: {prompt: "0.000002", completion: "0.000012", input-cache-read: "0.0000002"}
                """, Map.of("GOLDEN_ANTHROPIC_KEY", "sk-ant-golden", "GOLDEN_GEMINI_KEY", "golden-key"));
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
