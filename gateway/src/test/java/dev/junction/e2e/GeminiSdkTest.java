package dev.junction.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK through Junction to the sim's Gemini protocol: answers and streams with exact
 * cost, a full tool-calling loop, thought signatures carried through {@code reasoning_details} to the next
 * turn, cached tokens billed at the cache-read price, and failures.
 */
class GeminiSdkTest {
    private static final String KEY = "gemini-test-key";
    private static final String WEATHER_SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string","description":"City name"},
             "unit":{"type":["string","null"],"enum":["celsius","fahrenheit",null]}},
             "required":["city"],"additionalProperties":false}""";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults().withRequiredApiKey(KEY)
                    .withScript("gemini-tools", SimScript.builder()
                            .toolCall("get_weather", "{\"city\":\"Paris\"}")
                            .toolCall("get_weather", "{\"city\":\"Tokyo\",\"unit\":\"celsius\"}").build())
                    .withScript("gemini-thinker", SimScript.builder().reasoning("Rain needs checking first")
                            .toolCall("get_weather", "{\"city\":\"Paris\"}").build())
                    .withScript("gemini-cached", SimScript.builder().reply("from the cache").cachedTokens(6).build())
                    .withScript("gemini-breaks", SimScript.empty().withReply("one two three four")
                            .withFailAfterChunks(2, SimScript.FailMode.DISCONNECT)))
            .config("""
                    providers:
                      google:
                        name: Google AI Studio
                        kind: gemini
                        base-url: ${SIM_GEMINI_URL}
                        api-key-env: GEMINI_KEY
                    models:
                      google/gemini-2.5-flash:
                        endpoints:
                          - provider: google
                            upstream-model: gemini-2.5-flash
                            pricing: {prompt: "0.0000003", completion: "0.0000025", input-cache-read: "0.000000075"}
                      google/tools:
                        endpoints: [{provider: google, upstream-model: gemini-tools}]
                      google/thinker:
                        endpoints: [{provider: google, upstream-model: gemini-thinker}]
                      google/cached:
                        endpoints:
                          - provider: google
                            upstream-model: gemini-cached
                            pricing: {prompt: "0.0000003", completion: "0.0000025", input-cache-read: "0.000000075"}
                      google/breaks:
                        endpoints: [{provider: google, upstream-model: gemini-breaks}]
                    """)
            .env("GEMINI_KEY", KEY);

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

    private static BigDecimal cost(ChatCompletion completion) {
        return new BigDecimal(completion.usage().orElseThrow()._additionalProperties().get("cost").toString());
    }

    private static SimRequestRecord lastUpstream() {
        List<SimRequestRecord> records = gateway.sim().stats().requests();
        return records.getLast();
    }

    @Test
    void createReturnsTheAnswerWithExactCost() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("google/gemini-2.5-flash").addSystemMessage("Be brief.").addUserMessage("Say hello world")
                .temperature(0.5).maxCompletionTokens(100).build());

        assertThat(completion.model()).isEqualTo("google/gemini-2.5-flash");
        assertThat(completion.choices().getFirst().message().content()).hasValue("Say hello world");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(5);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        assertThat(cost(completion)).isEqualByComparingTo("0.000009"); // 5 × 0.0000003 + 3 × 0.0000025
        assertThat(completion._additionalProperties().get("provider").toString()).contains("Google AI Studio");

        SimRequestRecord upstream = lastUpstream();
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(upstream.authorized()).isTrue();
        assertThat(upstream.header("x-goog-api-key")).hasValue("***");
        assertThat(upstream.body().get("systemInstruction")).isEqualTo(Json.parse("""
                {"parts":[{"text":"Be brief."}]}"""));
        assertThat(upstream.body().get("generationConfig")).isEqualTo(Json.parse("""
                {"temperature":0.5,"maxOutputTokens":100}"""));
    }

    @Test
    void streamingDeliversTheTextAndAFinalUsage() {
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("google/gemini-2.5-flash")
                        .addUserMessage("stream these four words").build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            });
        }
        assertThat(text.toString()).isEqualTo("stream these four words");
        assertThat(chunks.getLast().usage().orElseThrow().totalTokens()).isEqualTo(8);
        assertThat(lastUpstream().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    }

    private static ChatCompletionFunctionTool weatherTool() {
        JsonNode schema = Json.parse(WEATHER_SCHEMA);
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        schema.properties().forEach(e -> parameters.putAdditionalProperty(e.getKey(),
                JsonValue.from(Json.MAPPER.convertValue(e.getValue(), Object.class))));
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
                .description("Current weather").parameters(parameters.build()).build()).build();
    }

    @Test
    void aFullToolCallingLoopWithParallelCalls() {
        ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder().model("google/tools")
                .addUserMessage("Weather in Paris and Tokyo?").addTool(weatherTool());
        ChatCompletion first = client.chat().completions().create(conversation.build());

        ChatCompletion.Choice choice = first.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(2);
        ChatCompletionMessageFunctionToolCall paris = calls.get(0).asFunction();
        ChatCompletionMessageFunctionToolCall tokyo = calls.get(1).asFunction();
        assertThat(paris.id()).isNotEqualTo(tokyo.id()).startsWith("call_");
        assertThat(paris.function().name()).isEqualTo("get_weather");
        assertThat(Json.parse(tokyo.function().arguments())).isEqualTo(Json.parse("{\"city\":\"Tokyo\",\"unit\":\"celsius\"}"));
        JsonNode declared = lastUpstream().body().get("tools").get(0).get("functionDeclarations").get(0);
        assertThat(declared.get("parameters")).as("the sim refuses schemas Gemini would").isEqualTo(Json.parse("""
                {"type":"OBJECT","properties":{"city":{"type":"STRING","description":"City name"},
                 "unit":{"type":"STRING","nullable":true,"enum":["celsius","fahrenheit"]}},"required":["city"]}"""));

        conversation.addMessage(choice.message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(tokyo.id()).content("{\"temp\":22}").build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(paris.id()).content("sunny").build());
        ChatCompletion second = client.chat().completions().create(conversation.build());

        assertThat(second.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        // The sim answers a turn of function results by echoing them, in the order Gemini received them.
        assertThat(second.choices().getFirst().message().content())
                .hasValue("{\"output\":\"sunny\"}\n{\"temp\":22}");
        JsonNode contents = lastUpstream().body().get("contents");
        assertThat(contents).hasSize(3);
        assertThat(contents.get(1).get("role").asString()).isEqualTo("model");
        assertThat(contents.get(2).get("parts").get(0).get("functionResponse").get("name").asString())
                .isEqualTo("get_weather");
    }

    @Test
    void thoughtSignaturesGoBackThroughReasoningDetails() {
        ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder().model("google/thinker")
                .addUserMessage("Umbrella in Paris?").addTool(weatherTool()).reasoningEffort(ReasoningEffort.HIGH);
        StringBuilder reasoning = new StringBuilder();
        List<Object> details = new ArrayList<>();
        List<ChatCompletionChunk.Choice.Delta.ToolCall> callDeltas = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(conversation.build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> {
                JsonValue r = c.delta()._additionalProperties().get("reasoning");
                if (r != null) {
                    reasoning.append(r.convert(String.class));
                }
                JsonValue d = c.delta()._additionalProperties().get("reasoning_details");
                if (d != null) {
                    details.addAll(d.convert(List.class));
                }
                c.delta().toolCalls().ifPresent(callDeltas::addAll);
            }));
        }
        assertThat(reasoning.toString()).isEqualTo("Rain needs checking first");
        assertThat(lastUpstream().body().path("generationConfig").path("thinkingConfig"))
                .isEqualTo(Json.parse("{\"thinkingBudget\":24576,\"includeThoughts\":true}"));
        assertThat(callDeltas).hasSize(1);
        String callId = callDeltas.getFirst().id().orElseThrow();
        JsonNode detailsJson = Json.MAPPER.valueToTree(details);
        assertThat(detailsJson.findValuesAsString("type")).contains("reasoning.text", "reasoning.encrypted");

        ChatCompletionAssistantMessageParam assistant = ChatCompletionAssistantMessageParam.builder()
                .addToolCall(ChatCompletionMessageFunctionToolCall.builder().id(callId)
                        .function(ChatCompletionMessageFunctionToolCall.Function.builder().name("get_weather")
                                .arguments(callDeltas.getFirst().function().orElseThrow().arguments().orElseThrow())
                                .build()).build())
                .putAdditionalProperty("reasoning_details", JsonValue.from(details))
                .build();
        ChatCompletionToolMessageParam result = ChatCompletionToolMessageParam.builder().toolCallId(callId)
                .content("{\"rain\":true}").build();
        ChatCompletion next = client.chat().completions().create(conversation.addMessage(assistant)
                .addMessage(result).build());

        assertThat(next.choices().getFirst().message().content()).hasValue("{\"rain\":true}");
        JsonNode modelTurn = lastUpstream().body().get("contents").get(1);
        assertThat(modelTurn.get("parts").get(0).get("thoughtSignature").asString())
                .isEqualTo(detailsJson.findParent("id").get("data").asString());

        ChatCompletionAssistantMessageParam withoutDetails = assistant.toBuilder()
                .additionalProperties(Map.of()).build();
        ChatCompletionCreateParams.Builder forgetful = ChatCompletionCreateParams.builder().model("google/thinker")
                .addUserMessage("Umbrella in Paris?").addTool(weatherTool())
                .addMessage(withoutDetails).addMessage(result);
        assertThatThrownBy(() -> client.chat().completions().create(forgetful.build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("thought_signature");
    }

    @Test
    void cachedTokensAreBilledAtTheCacheReadPrice() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("google/cached").addUserMessage("one two three four five six seven eight").build());

        var usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(8);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).hasValue(6L);
        // 2 × 0.0000003 + 6 × 0.000000075 + 3 × 0.0000025
        assertThat(cost(completion)).isEqualByComparingTo("0.00000855");
    }

    @Test
    void aStreamThatBreaksSurfacesAsAnSdkError() {
        StringBuilder text = new StringBuilder();
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("google/breaks").addUserMessage("go").build())) {
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
            }
        }).isInstanceOf(OpenAIException.class);
        assertThat(text.toString()).isEqualTo("one two");
    }

    @Test
    void legacyCompletionsWork() {
        Completion completion = client.completions().create(CompletionCreateParams.builder()
                .model("google/gemini-2.5-flash").prompt("Once upon a time").build());
        assertThat(completion.choices().getFirst().text()).isEqualTo("Once upon a time");
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(4);
        assertThat(lastUpstream().body().get("contents")).isEqualTo(Json.parse("""
                [{"role":"user","parts":[{"text":"Once upon a time"}]}]"""));
    }
}
