package dev.junction.generation.anthropic;

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
 * Golden cases of Anthropic's Messages API (one directory each under {@code golden/messages/}), through the real
 * gateway — the Messages parser, the generation, each provider's translator and the Messages renderer — against an
 * upstream that replays a recorded answer: see {@link GoldenGateway}. Each case names its path
 * ({@code /api/v1/messages}) in {@code case.json}; the model picks the upstream protocol. A case with an Anthropic
 * upstream shows what reaches Claude of what the client sent.
 */
class MessagesGoldenTest {
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
                  deepseek/deepseek-r1:
                    endpoints:
                      - {provider: openai-replay, upstream-model: deepseek-reasoner, pricing: {prompt: "0.00000055", completion: "0.00000219"}}
                  openrouter/claude-sonnet-4.5:
                    endpoints:
                      - {provider: openai-replay, upstream-model: anthropic/claude-sonnet-4.5, pricing: {prompt: "0.000003", completion: "0.000015"}}
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
        return Golden.cases("messages");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesBothWays(Path dir) {
        golden.check(dir);
    }
}
