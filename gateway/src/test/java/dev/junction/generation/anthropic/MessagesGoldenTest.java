package dev.junction.generation.anthropic;

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
        // Two more OpenAI-compatible models: a reasoning model's plain reasoning, and Claude through OpenRouter.
        golden = DialectGoldens.start("""
                  deepseek/deepseek-r1:
                    endpoints:
                      - {provider: openai-replay, upstream-model: deepseek-reasoner, pricing: {prompt: "0.00000055", completion: "0.00000219"}}
                  openrouter/claude-sonnet-4.5:
                    endpoints:
                      - {provider: openai-replay, upstream-model: anthropic/claude-sonnet-4.5, pricing: {prompt: "0.000003", completion: "0.000015"}}
                """);
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
