package dev.junction.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonArray;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.Poll;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK, pointed at Junction, served by the sim's Anthropic Messages endpoint: plain
 * answers, a full tool-calling loop with thinking sent back (the sim checks the signature and the tool ids), exact
 * cost with cache read and write prices, errors, mid-stream failures and a recorded Anthropic stream replayed.
 */
class AnthropicSdkTest {
    private static final String SIM_KEY = "sk-ant-e2e";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.builder()
                    .requiredApiKey(SIM_KEY)
                    .script("claude-weather", SimScript.builder()
                            .reasoning("The user wants the weather, so I call the tool.")
                            .toolCall("get_weather", "{\"location\":\"Paris, France\"}")
                            .build())
                    .script("claude-cached", SimScript.builder().reply("ok").cachedTokens(3).cacheWriteTokens(2).build())
                    .script("claude-overloaded", SimScript.builder().status(529).build())
                    .script("claude-breaks", SimScript.builder().reply("one two three four").failAfterChunks(2)
                            .failMode(SimScript.FailMode.ERROR_EVENT).build())
                    .script("claude-recorded", SimScript.builder().raw(recordedFrames()).build())
                    .script("claude-long", SimScript.builder().replyTokens(1000).chunkIntervalMs(20).build())
                    .script("claude-firehose", SimScript.builder().replyTokens(1_000_000).build())
                    .build())
            .config("""
                    providers:
                      claude:
                        name: Anthropic
                        kind: anthropic
                        base-url: ${SIM_URL}
                        api-key-env: SIM_ANTHROPIC_KEY
                    models:
                      anthropic/claude-hello:
                        endpoints: [{provider: claude, upstream-model: claude-hello, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                      anthropic/claude-weather:
                        endpoints: [{provider: claude, upstream-model: claude-weather}]
                      anthropic/claude-cached:
                        endpoints:
                          - provider: claude
                            upstream-model: claude-cached
                            pricing: {prompt: "0.000003", completion: "0.000015", input-cache-read: "0.0000003", input-cache-write: "0.00000375"}
                      anthropic/claude-overloaded:
                        endpoints: [{provider: claude, upstream-model: claude-overloaded}]
                      anthropic/claude-fallback:
                        endpoints:
                          - {provider: claude, upstream-model: claude-overloaded}
                          - {provider: claude, upstream-model: claude-hello}
                      anthropic/claude-breaks:
                        endpoints: [{provider: claude, upstream-model: claude-breaks}]
                      anthropic/claude-recorded:
                        endpoints: [{provider: claude, upstream-model: claude-recorded}]
                      anthropic/claude-long:
                        endpoints: [{provider: claude, upstream-model: claude-long}]
                      anthropic/claude-firehose:
                        endpoints: [{provider: claude, upstream-model: claude-firehose}]
                    """)
            .env("SIM_ANTHROPIC_KEY", SIM_KEY);

    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        client = OpenAIOkHttpClient.builder()
                .apiKey(gateway.key())
                .baseUrl(gateway.url("/api/v1"))
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    /** A recorded Anthropic stream (from the golden cases), one write per event, as the sim's raw replay takes it. */
    private static List<String> recordedFrames() {
        try {
            String sse = Files.readString(Path.of("src/test/resources/golden/anthropic/tools-parallel-stream/upstream_response.sse"),
                    StandardCharsets.UTF_8);
            return List.of(sse.split("(?<=\n\n)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question);
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather")
                .description("Current weather of a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .build())
                .build()).build();
    }

    private static SimRequestRecord lastSimRequest() {
        List<SimRequestRecord> requests = gateway.sim().stats().requests();
        return requests.getLast();
    }

    @Test
    void createReturnsTheAnswerWithUsageAndCost() {
        ChatCompletion completion = client.chat().completions().create(ask("anthropic/claude-hello", "Say hello world").build());

        assertThat(completion.model()).isEqualTo("anthropic/claude-hello");
        assertThat(completion.choices().getFirst().message().content()).hasValue("Say hello world");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(3);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        JsonValue cost = completion.usage().orElseThrow()._additionalProperties().get("cost");
        assertThat(new BigDecimal(cost.toString())).isEqualByComparingTo("0.000009");
        SimRequestRecord upstream = lastSimRequest();
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.authorized()).isTrue();
        assertThat(upstream.body().path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void createStreamingDeliversTheTextAndAFinalUsage() {
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(ask("anthropic/claude-hello", "Say hello world").build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            });
        }
        assertThat(text.toString()).isEqualTo("Say hello world");
        assertThat(chunks.getLast().usage().orElseThrow().totalTokens()).isEqualTo(6);
        assertThat(chunks).filteredOn(c -> !c.choices().isEmpty()).last()
                .satisfies(c -> assertThat(c.choices().getFirst().finishReason())
                        .hasValue(ChatCompletionChunk.Choice.FinishReason.STOP));
    }

    @Test
    void aFullToolCallingLoopSendsThinkingAndToolResultsBack() {
        ChatCompletionCreateParams first = ask("anthropic/claude-weather", "What's the weather in Paris?")
                .addTool(weatherTool())
                .putAdditionalBodyProperty("reasoning", JsonValue.from(Map.of("effort", "high")))
                .build();
        ChatCompletion asked = client.chat().completions().create(first);

        ChatCompletion.Choice choice = asked.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessage message = choice.message();
        ChatCompletionMessageFunctionToolCall call = message.toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(Json.parse(call.function().arguments()).path("location").asString()).isEqualTo("Paris, France");
        JsonValue details = message._additionalProperties().get("reasoning_details");
        assertThat(details).isNotNull();
        assertThat(message._additionalProperties().get("reasoning").toString()).contains("so I call the tool");

        ChatCompletion answered = client.chat().completions().create(first.toBuilder()
                .addMessage(message.toParam().toBuilder().putAdditionalProperty("reasoning_details", details).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18 °C and sunny").build())
                .build());

        // The sim refuses a thinking block whose signature does not match, and a tool result without its tool use.
        assertThat(answered.choices().getFirst().message().content()).hasValue("18 °C and sunny");
        assertThat(answered.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        JsonNode sentBack = lastSimRequest().body().path("messages").get(1).path("content");
        assertThat(sentBack.get(0).path("type").asString()).isEqualTo("thinking");
        assertThat(sentBack.get(1).path("type").asString()).isEqualTo("tool_use");
        assertThat(sentBack.get(1).path("id").asString()).isEqualTo(call.id());
    }

    @Test
    void aStreamedToolCallingLoopWorksWithTheSdksAccumulator() {
        ChatCompletionCreateParams first = ask("anthropic/claude-weather", "What's the weather in Paris?")
                .addTool(weatherTool())
                .putAdditionalBodyProperty("reasoning", JsonValue.from(Map.of("max_tokens", 2048)))
                .build();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<JsonValue> details = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(first)) {
            stream.stream().forEach(chunk -> {
                accumulator.accumulate(chunk);
                chunk.choices().forEach(c -> {
                    if (c.delta()._additionalProperties().get("reasoning_details") instanceof JsonArray piece) {
                        details.addAll(piece.values());
                    }
                });
            });
        }
        ChatCompletionMessage message = accumulator.chatCompletion().choices().getFirst().message();
        ChatCompletionMessageFunctionToolCall call = message.toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(Json.parse(call.function().arguments()).path("location").asString()).isEqualTo("Paris, France");
        assertThat(details).as("thinking deltas plus the signature").hasSizeGreaterThan(1);

        // Sent back exactly as streamed — unmerged deltas — the gateway joins them into one signed thinking block.
        StringBuilder answer = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(first.toBuilder()
                .addMessage(message.toParam().toBuilder().putAdditionalProperty("reasoning_details", JsonValue.from(details)).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18 °C and sunny").build())
                .build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(answer::append)));
        }
        assertThat(answer.toString()).isEqualTo("18 °C and sunny");
    }

    @Test
    void costIsExactWithCacheReadAndWritePrices() {
        // 6 prompt words: 3 read from the cache, 2 written to it, 1 plain; 1 output word.
        // 1 × 0.000003 + 3 × 0.0000003 + 2 × 0.00000375 + 1 × 0.000015 = 0.0000264
        String body = """
                {"model":"anthropic/claude-cached","messages":[{"role":"user","content":"alpha beta gamma delta epsilon zeta"}]}""";

        var response = gateway.post("/api/v1/chat/completions", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"cost\":0.0000264");
        JsonNode usage = Json.parse(response.body()).path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(6);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(1);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("prompt_tokens_details").path("cache_write_tokens").asInt()).isEqualTo(2);

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ask("anthropic/claude-cached", "alpha beta gamma delta epsilon zeta").build())) {
            stream.stream().forEach(chunks::add);
        }
        var streamedUsage = chunks.getLast().usage().orElseThrow();
        assertThat(new BigDecimal(streamedUsage._additionalProperties().get("cost").toString()))
                .isEqualByComparingTo("0.0000264");
        assertThat(streamedUsage.promptTokensDetails().orElseThrow().cachedTokens()).hasValue(3L);
    }

    @Test
    void anOverloadedEndpointFallsThroughToTheNext() {
        ChatCompletion completion = client.chat().completions().create(ask("anthropic/claude-fallback", "hi there").build());

        assertThat(completion.choices().getFirst().message().content()).hasValue("hi there");
    }

    @Test
    void overloadedAloneIsABadGatewayNamingAnthropicsErrorType() {
        assertThatThrownBy(() -> client.chat().completions().create(ask("anthropic/claude-overloaded", "hi").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(502))
                .hasMessageContaining("overloaded_error");
    }

    @Test
    void anErrorEventMidStreamSurfacesAsAnSdkErrorAfterTheText() {
        StringBuilder text = new StringBuilder();
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                    .createStreaming(ask("anthropic/claude-breaks", "hi").build())) {
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
            }
        }).isInstanceOf(OpenAIException.class);
        assertThat(text.toString()).isEqualTo("one two");
    }

    @Test
    void legacyCompletionsGoThroughMessages() {
        Completion completion = client.completions().create(CompletionCreateParams.builder()
                .model("anthropic/claude-hello").prompt("Once upon a time").maxTokens(3).build());

        assertThat(completion.choices().getFirst().text()).isEqualTo("Once upon a");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(CompletionChoice.FinishReason.LENGTH);
        assertThat(lastSimRequest().body().path("messages").get(0).path("content").asString()).isEqualTo("Once upon a time");
    }

    @Test
    void clientHangingUpAbortsTheAnthropicUpstream() throws Exception {
        try (Socket client = openStream("anthropic/claude-long", "", 65536)) {
            readUntil(client, "data: ", 3);
        }

        SimRequestRecord upstream = awaitRecord("the claude-long request closed",
                r -> r.model().equals("claude-long") && r.closed());
        assertThat(upstream.cancelled()).isTrue();
        assertThat(upstream.chunksSent()).isLessThan(1000);
    }

    @Test
    void aSlowReaderPausesTheAnthropicUpstream() throws Exception {
        try (Socket client = openStream("anthropic/claude-firehose", ",\"max_tokens\":1000000", 4096)) {
            readUntil(client, "data: ", 1);
            // The client stops reading: the socket buffers on the way fill, then the sim must stall far from the end
            // (a million events of well over 100 bytes each).
            long stalledAt = Poll.untilSteady("the upstream stalling", Duration.ofMillis(300),
                    () -> gateway.sim().stats().requests().stream().filter(r -> r.model().equals("claude-firehose"))
                            .mapToLong(SimRequestRecord::bytesSent).max().orElse(0));
            assertThat(stalledAt).isLessThan(1_000_000L * 100 / 4);
            assertThat(gateway.sim().stats().requests()).filteredOn(r -> r.model().equals("claude-firehose"))
                    .singleElement().satisfies(r -> assertThat(r.closed()).as("still streaming when stalled").isFalse());
        }
        SimRequestRecord closed = awaitRecord("the claude-firehose request closed",
                r -> r.model().equals("claude-firehose") && r.closed());
        assertThat(closed.cancelled()).as("%s", closed).isTrue();
    }

    /**
     * A streaming chat request on a raw connection, so a test decides exactly when it stops reading or hangs up
     * (closing the JDK HttpClient can wait forever on a streaming body that was abandoned half-read).
     */
    private static Socket openStream(String model, String extraFields, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.junction().port()));
        socket.setSoTimeout(10_000);
        byte[] body = ("{\"model\":\"" + model + "\",\"stream\":true" + extraFields
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + gateway.key()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static void readUntil(Socket socket, String marker, int times) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (seen.toString().split(marker, -1).length <= times) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the stream ended early: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
    }

    /** The first request the sim has that meets {@code condition}, once there is one. */
    private static SimRequestRecord awaitRecord(String what, java.util.function.Predicate<SimRequestRecord> condition) {
        return Poll.until(what, () -> gateway.sim().stats().requests(), seen -> seen.stream().anyMatch(condition))
                .stream().filter(condition).findFirst().orElseThrow();
    }

    @Test
    void aRecordedAnthropicStreamReplaysThroughTheSim() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(ask("anthropic/claude-recorded", "What's the weather?").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletionMessage message = accumulator.chatCompletion().choices().getFirst().message();

        assertThat(message.content()).hasValue("I'll check the weather in both cities and today's date.");
        assertThat(message.toolCalls().orElseThrow()).extracting(c -> c.asFunction().function().arguments())
                .containsExactly("{\"location\": \"Paris, France\", \"unit\": \"celsius\"}",
                        "{\"location\": \"Tokyo, Japan\", \"unit\": \"celsius\"}", "{}");
    }
}
