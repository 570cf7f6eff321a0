package dev.junction.providers.anthropic;

import dev.junction.testing.Golden;
import dev.junction.testing.ReplayUpstream;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden cases of the Anthropic translation, run through the real gateway against an upstream that replays a
 * recorded Messages API answer. Each directory under {@code golden/anthropic/} holds the client's request, the
 * body Junction must send to Anthropic, Anthropic's answer ({@code .json} or {@code .sse}) and what the client must
 * get back — identity fields ({@code id}, {@code created}) normalised, cost included. An optional {@code case.json}
 * sets {@code path} (default chat completions), {@code upstream_status}, {@code upstream_headers},
 * {@code client_status} (default 200) and {@code client_headers}.
 */
class AnthropicGoldenTest {
    static final String SUITE = "anthropic";
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private static ReplayUpstream upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new ReplayUpstream();
        gateway = TestGateway.start("""
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
                """, Map.of("UPSTREAM", upstream.baseUrl(), "GOLDEN_ANTHROPIC_KEY", "sk-ant-golden",
                "JUNCTION_SERVER_KEEP_ALIVE_INTERVAL", "1h"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    static Stream<Path> cases() {
        return Golden.cases(SUITE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesBothWays(Path dir) {
        JsonNode meta = Golden.exists(dir, "case.json") ? Golden.json(dir, "case.json") : Json.object();
        boolean sse = Golden.exists(dir, "upstream_response.sse");
        Map<String, String> upstreamHeaders = new LinkedHashMap<>();
        meta.path("upstream_headers").properties().forEach(h -> upstreamHeaders.put(h.getKey(), h.getValue().asString()));
        upstream.reply(new ReplayUpstream.Reply(meta.path("upstream_status").asInt(200), upstreamHeaders,
                sse ? "text/event-stream; charset=utf-8" : "application/json",
                Golden.text(dir, sse ? "upstream_response.sse" : "upstream_response.json")));

        HttpResponse<String> response = gateway.post(meta.path("path").asString("/api/v1/chat/completions"),
                Golden.text(dir, "client_request.json"));

        Optional<ReplayUpstream.Received> sent = upstream.nextRequest(Golden.exists(dir, "upstream_request.json") || Golden.UPDATE
                ? AWAIT : Duration.ZERO);
        if (Golden.exists(dir, "upstream_request.json") || (Golden.UPDATE && sent.isPresent())) {
            assertThat(sent).as("the request sent upstream").isPresent();
            Golden.assertJson(dir, "upstream_request.json", Json.parse(sent.get().body()));
        } else {
            assertThat(sent).as("nothing should have been sent upstream").isEmpty();
        }
        assertThat(response.statusCode()).as("client status; body: %s", response.body())
                .isEqualTo(meta.path("client_status").asInt(200));
        meta.path("client_headers").properties().forEach(h -> assertThat(response.headers().firstValue(h.getKey()))
                .as("client header %s", h.getKey()).hasValue(h.getValue().asString()));
        if (response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
            List<JsonNode> events = Golden.sseData(response.body()).stream().map(AnthropicGoldenTest::normalise).toList();
            Golden.assertSse(dir, "client_response.sse", events);
        } else {
            Golden.assertJson(dir, "client_response.json", normalise(Json.parse(response.body())));
        }
    }

    @Test
    void callsMessagesWithTheKeyAndVersionHeaders() {
        Path dir = Golden.cases(SUITE).filter(p -> p.getFileName().toString().equals("text")).findFirst().orElseThrow();
        upstream.reply(new ReplayUpstream.Reply(200, Map.of(), "application/json", Golden.text(dir, "upstream_response.json")));

        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", Golden.text(dir, "client_request.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        ReplayUpstream.Received sent = upstream.nextRequest(AWAIT).orElseThrow();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers()).containsEntry("x-api-key", "sk-ant-golden")
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("authorization");
    }

    /** Junction's generation id and creation time differ on every run; the golden files hold placeholders. */
    private static JsonNode normalise(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("id").asString("").startsWith("gen-")) {
                object.put("id", "gen-golden");
            }
            if (object.has("created")) {
                object.put("created", 0);
            }
        }
        return node;
    }
}
