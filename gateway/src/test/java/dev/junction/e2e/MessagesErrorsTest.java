package dev.junction.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.PaymentRequiredException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.junction.keys.KeyKind;
import dev.junction.money.Money;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every error a client of {@code /api/v1/messages} can get arrives in Anthropic's envelope,
 * {@code {"type":"error","error":{"type":…,"message":…}}}, with the matching status — a missing or unknown key, a body
 * too large, a request that does not parse (naming the field, before anything goes upstream), a key over its limit,
 * an unknown model, an upstream that failed, and a failure in the middle of a stream — and the official SDK raises
 * each as its own exception.
 */
class MessagesErrorsTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.builder()
                    .script("overloaded", SimScript.builder().status(529).build())
                    .script("limited", SimScript.builder().status(429).retryAfter("7").build())
                    .script("broken", SimScript.builder().status(500).build())
                    .script("breaks", SimScript.builder().reply("one two three four five").failAfterChunks(2)
                            .failMode(SimScript.FailMode.ERROR_EVENT).build())
                    .script("cut", SimScript.builder().reply("one two three four five").failAfterChunks(2).build())
                    .build())
            .config("""
                    providers:
                      claude: {name: Anthropic Sim, kind: anthropic, base-url: "${SIM_URL}"}
                      openai-sim: {name: OpenAI Sim, base-url: "${SIM_URL}"}
                    models:
                      test/claude:
                        endpoints: [{provider: claude, upstream-model: hello, pricing: {prompt: "0.001", completion: "0.001"}}]
                      test/overloaded:
                        endpoints: [{provider: claude, upstream-model: overloaded}]
                      test/limited:
                        endpoints: [{provider: openai-sim, upstream-model: limited}]
                      test/broken:
                        endpoints: [{provider: openai-sim, upstream-model: broken}]
                      test/claude-breaks:
                        endpoints: [{provider: claude, upstream-model: breaks}]
                      test/openai-cut:
                        endpoints: [{provider: openai-sim, upstream-model: cut}]
                    """)
            .env("JUNCTION_SERVER_MAX_BODY_SIZE", "4096");

    private static AnthropicClient client;

    @BeforeAll
    static void connect() {
        client = sdk(gateway.key());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static AnthropicClient sdk(String key) {
        return AnthropicOkHttpClient.builder().baseUrl(gateway.url("/api")).apiKey(key)
                .timeout(Duration.ofSeconds(30)).maxRetries(0).build();
    }

    private static MessageCreateParams ask(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(64).addUserMessage("hello").build();
    }

    private static HttpResponse<String> post(String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/messages")))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return gateway.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The envelope, with its status and type; its message. */
    private static String assertEnvelope(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = Json.parse(response.body());
        assertThat(body.get("type").asString()).isEqualTo("error");
        assertThat(body.at("/error/type").asString()).as(response.body()).isEqualTo(type);
        return body.at("/error/message").asString();
    }

    record Case(String name, String body, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> badInput() {
        String user = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        return Stream.of(
                new Case("malformed JSON", "{\"model\":", "Request body is not valid JSON"),
                new Case("no max_tokens", "{\"model\":\"test/claude\"," + user + "}", "max_tokens: Field required"),
                new Case("max_tokens of zero", "{\"model\":\"test/claude\",\"max_tokens\":0," + user + "}", "max_tokens:"),
                new Case("a thinking budget beyond any integer (found by the fuzz test)", "{\"model\":\"test/claude\","
                        + "\"max_tokens\":5,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1" + "0".repeat(400) + "},"
                        + user + "}", "thinking.budget_tokens: must be a whole number"),
                new Case("a temperature beyond any double", "{\"model\":\"test/claude\",\"max_tokens\":5,"
                        + "\"temperature\":1" + "0".repeat(400) + "," + user + "}", "temperature: expected a number from 0 to 1"),
                new Case("messages of a wrong type", "{\"model\":\"test/claude\",\"max_tokens\":5,\"messages\":\"hi\"}",
                        "messages: expected an array, got a string"),
                new Case("a system role in messages", """
                        {"model":"test/claude","max_tokens":5,"messages":[{"role":"system","content":"x"}]}""",
                        "messages.0.role: expected 'user' or 'assistant', got 'system'"),
                new Case("an unknown block", """
                        {"model":"test/claude","max_tokens":5,"messages":[{"role":"user","content":[{"type":"telepathy"}]}]}""",
                        "messages.0.content.0.type: 'telepathy' is not supported"),
                new Case("an image without its data", """
                        {"model":"test/claude","max_tokens":5,"messages":[{"role":"user","content":[
                         {"type":"image","source":{"type":"base64","media_type":"image/png"}}]}]}""",
                        "messages.0.content.0.source.data: Field required"),
                new Case("a file by id", """
                        {"model":"test/claude","max_tokens":5,"messages":[{"role":"user","content":[
                         {"type":"document","source":{"type":"file","file_id":"file_1"}}]}]}""",
                        "messages.0.content.0.source.type: 'file': files by id are not supported"),
                new Case("a server tool", "{\"model\":\"test/claude\",\"max_tokens\":5," + user
                        + ",\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]}",
                        "tools.0.type: 'web_search_20250305' is one of Anthropic's own tools"),
                new Case("a tool without a schema", "{\"model\":\"test/claude\",\"max_tokens\":5," + user
                        + ",\"tools\":[{\"name\":\"f\"}]}", "tools.0.input_schema: Field required"),
                new Case("a tool with a blank name", "{\"model\":\"test/claude\",\"max_tokens\":5," + user
                        + ",\"tools\":[{\"name\":\" \",\"input_schema\":{}}]}", "tools.0.name: expected the tool's name"),
                new Case("a tool result answering nothing", """
                        {"model":"test/claude","max_tokens":5,"messages":[{"role":"user","content":[
                         {"type":"tool_result","tool_use_id":"toolu_1","content":"42"}]}]}""",
                        "messages.0.content.0.tool_use_id: 'toolu_1' answers no tool_use block"),
                new Case("a server tool's block sent back", """
                        {"model":"test/claude","max_tokens":5,"messages":[{"role":"user","content":"hi"},
                         {"role":"assistant","content":[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}]}]}""",
                        "messages.1.content.0.type: 'server_tool_use' is not supported in an assistant message"),
                new Case("temperature above 1", "{\"model\":\"test/claude\",\"max_tokens\":5,\"temperature\":1.5," + user + "}",
                        "temperature: expected a number from 0 to 1, got 1.5"),
                new Case("an unknown thinking type", "{\"model\":\"test/claude\",\"max_tokens\":5,\"thinking\":{\"type\":\"deep\"},"
                        + user + "}", "thinking.type: expected enabled, adaptive or disabled, got 'deep'"),
                new Case("stop sequences of a wrong type", "{\"model\":\"test/claude\",\"max_tokens\":5,\"stop_sequences\":[1]," + user + "}",
                        "stop_sequences:"),
                new Case("an unknown tool choice", "{\"model\":\"test/claude\",\"max_tokens\":5,\"tool_choice\":{\"type\":\"maybe\"},"
                        + user + "}", "tool_choice.type: expected auto, any, tool or none, got 'maybe'"),
                new Case("MCP servers", "{\"model\":\"test/claude\",\"max_tokens\":5,\"mcp_servers\":[{\"type\":\"url\"}]," + user + "}",
                        "mcp_servers: not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInvalidRequestErrorNamingTheField(Case c) {
        long before = gateway.sim().stats().count();

        HttpResponse<String> response = post(c.body(), "x-api-key", gateway.key());

        assertThat(assertEnvelope(response, 400, "invalid_request_error")).contains(c.message());
        assertThat(gateway.sim().stats().count()).as("nothing went upstream").isEqualTo(before);
    }

    @Test
    void theSdkRaisesBadInputAsABadRequest() {
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model("test/claude")
                .maxTokens(5).addUserMessage("hi").putAdditionalBodyProperty("temperature", JsonValue.from(3.0)).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.type()).hasValue(ErrorType.INVALID_REQUEST_ERROR);
                    assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("temperature"));
                });
    }

    @Test
    void aMissingOrUnknownKeyIsAnAuthenticationError() {
        String body = "{\"model\":\"test/claude\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(assertEnvelope(post(body), 401, "authentication_error")).contains("x-api-key");
        assertEnvelope(post(body, "x-api-key", "sk-jn-v1-nobody"), 401, "authentication_error");
        AnthropicClient stranger = sdk("sk-jn-v1-nobody");
        try {
            assertThatThrownBy(() -> stranger.messages().create(ask("test/claude")))
                    .isInstanceOf(UnauthorizedException.class);
        } finally {
            stranger.close();
        }
    }

    @Test
    void aBearerTokenWorksAsWellAsXApiKey() {
        String body = "{\"model\":\"test/claude\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> response = post(body, "authorization", "Bearer " + gateway.key(),
                "anthropic-beta", "interleaved-thinking-2025-05-14");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.parse(response.body()).get("type").asString()).isEqualTo("message");
    }

    @Test
    void anUnknownModelIsNotFound() {
        String body = "{\"model\":\"claude-3-imaginary\",\"max_tokens\":5,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(assertEnvelope(post(body, "x-api-key", gateway.key()), 404, "not_found_error"))
                .contains("claude-3-imaginary is not a valid model ID");
        assertThatThrownBy(() -> client.messages().create(ask("nobody/nothing")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBodyOverTheLimitIsRequestTooLarge() {
        String body = "{\"model\":\"test/claude\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(5000) + "\"}]}";
        assertEnvelope(post(body, "x-api-key", gateway.key()), 413, "request_too_large");
    }

    @Test
    void aKeyOverItsLimitIsABillingError() {
        String poor = gateway.createKey("poor", KeyKind.STANDARD, Optional.of(Money.ofUsd(new BigDecimal("0.000001"))));
        AnthropicClient sdk = sdk(poor);
        try {
            assertThatThrownBy(() -> sdk.messages().create(ask("test/claude")))
                    .isInstanceOfSatisfying(PaymentRequiredException.class,
                            e -> assertThat(e.type()).hasValue(ErrorType.BILLING_ERROR));
        } finally {
            sdk.close();
        }
    }

    @Test
    void upstreamFailuresKeepTheirKind() {
        assertThatThrownBy(() -> client.messages().create(ask("test/overloaded")))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.type()).hasValue(ErrorType.OVERLOADED_ERROR);
                });
        assertThatThrownBy(() -> client.messages().create(ask("test/limited")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.type()).hasValue(ErrorType.RATE_LIMIT_ERROR);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                });
        assertThatThrownBy(() -> client.messages().create(ask("test/broken")))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.type()).hasValue(ErrorType.API_ERROR);
                });
    }

    @Test
    void theWrongMethodIsAnAnthropicErrorToo() {
        HttpResponse<String> response = gateway.get("/v1/messages");
        assertEnvelope(response, 405, "invalid_request_error");
        assertThat(response.headers().firstValue("allow")).hasValue("POST");
    }

    /** A stream that fails after its first token ends with Anthropic's error event, which the SDK raises. */
    @Test
    void aMidStreamFailureIsAnErrorEvent() {
        for (String model : List.of("test/claude-breaks", "test/openai-cut")) {
            List<RawMessageStreamEvent> events = new ArrayList<>();
            assertThatThrownBy(() -> {
                try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                        MessageCreateParams.builder().model(model).maxTokens(64).addUserMessage("hello").build())) {
                    stream.stream().forEach(events::add);
                }
            }).isInstanceOfSatisfying(SseException.class, e -> assertThat(e.type()).hasValue(
                    model.contains("claude") ? ErrorType.OVERLOADED_ERROR : ErrorType.API_ERROR));
            assertThat(events.getFirst().isMessageStart()).as(model).isTrue();
            assertThat(events).as(model).anySatisfy(e -> assertThat(e.isContentBlockDelta()).isTrue());
        }
    }

    @Test
    void errorsOfOtherRoutesStayInOpenRoutersEnvelope() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", "{\"model\":");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).at("/error/code").asInt()).isEqualTo(400);
    }
}
