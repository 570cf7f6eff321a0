package dev.junction.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.Usage;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.Poll;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Anthropic's Messages API at {@code /api/v1/messages}, through the official {@code anthropic-java} SDK (with
 * response validation on) — once in front of an Anthropic upstream and once in front of an OpenAI-compatible one
 * (both the sim): a plain answer, a stream, a two-turn tool use, extended thinking sent back with its signature,
 * and prompt caching, each billed and recorded like any generation.
 */
class MessagesSdkTest {
    private static final String WEATHER_ARGS = "{\"location\":\"Paris\"}";
    private static final CacheControlEphemeral EPHEMERAL = CacheControlEphemeral.builder().build();

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.builder()
                    .script("weather", SimScript.builder().toolCall("get_weather", WEATHER_ARGS).build())
                    .script("answer", SimScript.builder().reply("It is sunny in Paris.").build())
                    .script("thinker", SimScript.builder().reasoning("The user wants the weather: call the tool.")
                            .toolCall("get_weather", WEATHER_ARGS).build())
                    .script("cached", SimScript.builder().reply("ok").cachedTokens(3).cacheWriteTokens(2).build())
                    .build())
            .config(models());

    private static AnthropicClient client;

    /** For each kind, a provider on the sim and a model per script, priced so that usage has a cost. */
    private static String models() {
        StringBuilder yaml = new StringBuilder("""
                providers:
                  openai-sim: {name: OpenAI Sim, base-url: "${SIM_URL}"}
                  anthropic-sim: {name: Anthropic Sim, kind: anthropic, base-url: "${SIM_URL}"}
                models:
                """);
        for (String kind : List.of("openai", "anthropic")) {
            for (String script : List.of("hello", "weather", "answer", "thinker", "cached")) {
                yaml.append("  test/").append(kind).append('-').append(script).append(":\n")
                        .append("    endpoints: [{provider: ").append(kind).append("-sim, upstream-model: ").append(script)
                        .append(", pricing: {prompt: \"0.000001\", completion: \"0.000002\", input-cache-read: \"0.0000001\",")
                        .append(" input-cache-write: \"0.00000125\"}}]\n");
            }
        }
        return yaml.toString();
    }

    @BeforeAll
    static void connect() {
        client = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.url("/api"))
                .apiKey(gateway.key())
                .timeout(Duration.ofSeconds(30))
                .maxRetries(0)
                .responseValidation(true)
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static MessageCreateParams.Builder ask(String model, String question) {
        return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage(question);
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Current weather of a city")
                .inputSchema(Tool.InputSchema.builder().properties(Tool.InputSchema.Properties.builder()
                        .putAdditionalProperty("location", JsonValue.from(Map.of("type", "string"))).build())
                        .addRequired("location").build())
                .build();
    }

    private static JsonNode lastUpstreamBody() {
        return gateway.sim().stats().requests().getLast().body();
    }

    private static String text(Message message) {
        StringBuilder text = new StringBuilder();
        message.content().stream().filter(ContentBlock::isText).forEach(b -> text.append(b.asText().text()));
        return text.toString();
    }

    /** The next turn: the conversation so far — the answer that asked for the call — and the call's result. */
    private static Message answerTheCall(MessageCreateParams.Builder next, Message asked, ToolUseBlock call) {
        return client.messages().create(next.addTool(weatherTool()).addMessage(asked)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(call.id()).content("21°C and sunny").build())))
                .build());
    }

    private static Message streamed(MessageCreateParams params, List<RawMessageStreamEvent> events) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(event -> events.add(accumulator.accumulate(event)));
        }
        return accumulator.message();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void answersAMessage(String kind) {
        Message message = client.messages().create(ask("test/" + kind + "-hello", "hello there")
                .system("Be brief.").build());

        assertThat(text(message)).isEqualTo("hello there");
        assertThat(message.model().asString()).isEqualTo("test/" + kind + "-hello");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isEqualTo(2);
        // The message's id is its generation's: billed and recorded like any other.
        JsonNode generation = generation(message.id());
        assertThat(generation.get("model").asString()).isEqualTo("test/" + kind + "-hello");
        assertThat(generation.get("tokens_completion").asLong()).isEqualTo(2);
        assertThat(generation.get("total_cost").decimalValue()).isPositive();
        JsonNode upstream = lastUpstreamBody();
        if (kind.equals("anthropic")) {
            assertThat(upstream.get("system").asString()).isEqualTo("Be brief.");
            assertThat(upstream.get("max_tokens").asInt()).isEqualTo(1024);
        } else {
            assertThat(upstream.at("/messages/0/content").asString()).isEqualTo("Be brief.");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void streamsAMessage(String kind) {
        List<RawMessageStreamEvent> events = new ArrayList<>();
        Message message = streamed(ask("test/" + kind + "-hello", "hello there streamed").build(), events);

        assertThat(events.getFirst().isMessageStart()).isTrue();
        assertThat(events.getLast().isMessageStop()).isTrue();
        StringBuilder deltas = new StringBuilder();
        events.stream().filter(RawMessageStreamEvent::isContentBlockDelta)
                .forEach(e -> e.asContentBlockDelta().delta().text().ifPresent(t -> deltas.append(t.text())));
        assertThat(deltas.toString()).isEqualTo("hello there streamed");
        assertThat(text(message)).isEqualTo("hello there streamed");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(3);
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(generation(message.id()).get("streamed").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void aTwoTurnToolUse(String kind) {
        Message asked = client.messages().create(ask("test/" + kind + "-weather", "Weather in Paris?")
                .addTool(weatherTool()).build());

        assertThat(asked.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock call = asked.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(Json.parse(Json.MAPPER.writeValueAsString(call._input().convert(Object.class))))
                .isEqualTo(Json.parse(WEATHER_ARGS));

        Message answered = answerTheCall(ask("test/" + kind + "-answer", "Weather in Paris?"), asked, call);

        assertThat(text(answered)).isEqualTo("It is sunny in Paris.");
        JsonNode upstream = lastUpstreamBody();
        if (kind.equals("anthropic")) {
            assertThat(upstream.at("/messages/1/content/0/type").asString()).isEqualTo("tool_use");
            assertThat(upstream.at("/messages/1/content/0/id").asString()).isEqualTo(call.id());
            assertThat(upstream.at("/messages/2/content/0/tool_use_id").asString()).isEqualTo(call.id());
            assertThat(upstream.at("/messages/2/content/0/content").asString()).isEqualTo("21°C and sunny");
        } else {
            assertThat(upstream.at("/messages/1/tool_calls/0/id").asString()).isEqualTo(call.id());
            assertThat(upstream.at("/messages/2/role").asString()).isEqualTo("tool");
            assertThat(upstream.at("/messages/2/tool_call_id").asString()).isEqualTo(call.id());
            assertThat(upstream.at("/messages/2/content").asString()).isEqualTo("21°C and sunny");
        }
    }

    /**
     * Extended thinking, streamed: Claude's thinking comes with its signature, and goes back with it on the next turn
     * (the Anthropic sim refuses a thinking block whose signature it did not make). Another model's reasoning comes as
     * thinking without a signature and goes back as its reasoning.
     */
    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void thinkingGoesBackWithItsSignature(String kind) {
        Message asked = streamed(ask("test/" + kind + "-thinker", "Weather in Paris?").addTool(weatherTool())
                .enabledThinking(2048).build(), new ArrayList<>());

        ThinkingBlock thinking = asked.content().getFirst().asThinking();
        assertThat(thinking.thinking()).isEqualTo("The user wants the weather: call the tool.");
        ToolUseBlock call = asked.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();

        Message answered = answerTheCall(ask("test/" + kind + "-answer", "Weather in Paris?").enabledThinking(2048),
                asked, call);

        assertThat(text(answered)).isEqualTo("It is sunny in Paris.");
        JsonNode upstream = lastUpstreamBody();
        if (kind.equals("anthropic")) {
            assertThat(thinking.signature()).startsWith("Sim");
            assertThat(upstream.at("/thinking/budget_tokens").asInt()).isEqualTo(2048);
            assertThat(upstream.at("/messages/1/content/0/type").asString()).isEqualTo("thinking");
            assertThat(upstream.at("/messages/1/content/0/signature").asString()).isEqualTo(thinking.signature());
        } else {
            assertThat(thinking.signature()).isEmpty();
            assertThat(upstream.at("/reasoning/max_tokens").asInt()).isEqualTo(2048);
            assertThat(upstream.at("/messages/1/reasoning").asString()).isEqualTo(thinking.thinking());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void cacheControlReachesTheUpstreamAndCachedTokensComeBack(String kind) {
        Message message = client.messages().create(MessageCreateParams.builder()
                .model("test/" + kind + "-cached").maxTokens(256)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder().text("You are a careful assistant.")
                        .cacheControl(EPHEMERAL).build()))
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(TextBlockParam.builder()
                        .text("A long document to keep in the cache.").cacheControl(EPHEMERAL).build())))
                .build());

        Usage usage = message.usage();
        assertThat(usage.cacheReadInputTokens()).hasValue(3L);
        JsonNode upstream = lastUpstreamBody();
        if (kind.equals("anthropic")) {
            assertThat(usage.cacheCreationInputTokens()).hasValue(2L);
            assertThat(upstream.at("/system/0/cache_control/type").asString()).isEqualTo("ephemeral");
            assertThat(upstream.at("/messages/0/content/0/cache_control/type").asString()).isEqualTo("ephemeral");
        } else {
            assertThat(upstream.at("/messages/0/content/0/cache_control/type").asString()).isEqualTo("ephemeral");
            assertThat(upstream.at("/messages/1/content/0/cache_control/type").asString()).isEqualTo("ephemeral");
        }
        JsonNode generation = generation(message.id());
        assertThat(generation.get("native_tokens_cached").asLong()).isEqualTo(3);
    }

    /**
     * {@code count_tokens}: the gateway's estimate, labelled as one; a prompt with tools counts their definitions too,
     * and nothing goes upstream.
     */
    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void countsAPromptsTokensAsAnEstimate(String kind) {
        int before = gateway.sim().stats().requests().size();
        MessageCountTokensParams.Builder prompt = MessageCountTokensParams.builder().model("test/" + kind + "-hello")
                .system("Be brief.").addUserMessage("What is the weather in Paris today?");

        MessageTokensCount plain = client.messages().countTokens(prompt.build());
        MessageTokensCount withTools = client.messages().countTokens(prompt.addTool(weatherTool()).build());

        assertThat(plain.inputTokens()).isBetween(8L, 20L);
        assertThat(withTools.inputTokens()).isGreaterThan(plain.inputTokens() + 10);
        assertThat(plain._additionalProperties().get("estimated")).isEqualTo(JsonValue.from(true));
        assertThat(gateway.sim().stats().requests()).hasSize(before);
    }

    @org.junit.jupiter.api.Test
    void countingTokensOfAnUnknownModelIsNotFound() {
        assertThatThrownBy(() -> client.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude-imaginary").addUserMessage("hi").build()))
                .isInstanceOf(com.anthropic.errors.NotFoundException.class);
    }

    private static JsonNode generation(String id) {
        return Poll.value("generation " + id, () -> {
            HttpResponse<String> r = gateway.get("/api/v1/generation?id=" + id);
            return r.statusCode() == 200 ? Optional.of(Json.parse(r.body()).get("data")) : Optional.empty();
        });
    }
}
