package dev.junction.providers.anthropic;

import dev.junction.testing.Golden;
import dev.junction.testing.GoldenGateway;
import dev.junction.testing.ReplayUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden cases of the Anthropic translation (one directory each under {@code golden/anthropic/}), through the
 * real gateway against an upstream that replays a recorded Messages API answer: see {@link GoldenGateway}.
 */
class AnthropicGoldenTest {
    static final String SUITE = "anthropic";
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private static GoldenGateway golden;

    @BeforeAll
    static void start() {
        golden = new GoldenGateway("""
                providers:
                  anthropic:
                    name: Anthropic
                    kind: anthropic
                    base-url: ${UPSTREAM}
                    api-key-env: GOLDEN_ANTHROPIC_KEY
                models:
                  anthropic/claude-sonnet-4.5:
                    endpoints:
                      - provider: anthropic
                        upstream-model: claude-sonnet-4-5-20250929
                        max-completion-tokens: 64000
                        pricing:
                          prompt: "0.000003"
                          completion: "0.000015"
                          input-cache-read: "0.0000003"
                          input-cache-write: "0.00000375"
                  anthropic/claude-3-haiku:
                    endpoints:
                      - provider: anthropic
                        upstream-model: claude-3-haiku-20240307
                        pricing: {prompt: "0.00000025", completion: "0.00000125"}
                """, Map.of("GOLDEN_ANTHROPIC_KEY", "sk-ant-golden"));
    }

    @AfterAll
    static void stop() {
        golden.close();
    }

    static Stream<Path> cases() {
        return Golden.cases(SUITE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesBothWays(Path dir) {
        golden.check(dir);
    }

    @Test
    void callsMessagesWithTheKeyAndVersionHeaders() {
        Path dir = Golden.cases(SUITE).filter(p -> p.getFileName().toString().equals("text")).findFirst().orElseThrow();
        golden.upstream().reply(new ReplayUpstream.Reply(200, Map.of(), "application/json",
                Golden.text(dir, "upstream_response.json")));

        HttpResponse<String> response = golden.gateway().post("/api/v1/chat/completions",
                Golden.text(dir, "client_request.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        ReplayUpstream.Received sent = golden.upstream().nextRequest(AWAIT).orElseThrow();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers()).containsEntry("x-api-key", "sk-ant-golden")
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("authorization");
    }
}
