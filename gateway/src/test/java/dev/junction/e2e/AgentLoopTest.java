package dev.junction.e2e;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.StructuredChatCompletion;
import dev.junction.testing.GatewayExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What agent frameworks do with the OpenAI SDK works against an unscripted sim behind Junction: the usual tool loop
 * (call, run the tool, send the result back, until the model answers) ends after one tool round, with arguments
 * the SDK parses into its class; structured output parses into the requested class; reasoning comes when asked.
 */
class AgentLoopTest {
    /** Bounds a loop that would otherwise never end, which is the failure this test is about. */
    private static final int MAX_ROUNDS = 5;

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      test/agent:
                        endpoints:
                          - provider: sim
                            upstream-model: agent
                            pricing: {prompt: "0.000001", completion: "0.000002"}
                    """);

    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        client = OpenAIOkHttpClient.builder().apiKey(gateway.key()).baseUrl(gateway.url("/api/v1")).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @JsonClassDescription("Gets the current weather in a city")
    public static class GetWeather {
        @JsonPropertyDescription("the city, e.g. Paris")
        public String city;
        @JsonPropertyDescription("how many days to forecast")
        public int days;
    }

    @JsonClassDescription("A trip plan")
    public static class Trip {
        public String title;
        public List<Stop> stops;
    }

    public static class Stop {
        public String city;
        public int nights;
    }

    private static String weather(GetWeather call) {
        return "Sunny and 21 degrees in " + call.city + " for " + call.days + " day(s)";
    }

    @Test
    void theToolLoopEndsAfterOneRoundWithTheToolsResult() {
        Conversation run = runLoop(params -> client.chat().completions().create(params));
        assertThat(run.rounds()).as("one round calls the tool, the next answers").isEqualTo(2);
        assertThat(run.toolCalls()).hasSize(1);
        assertThat(run.answer()).isEqualTo(weather(run.toolCalls().getFirst()));
        assertThat(run.toolCalls().getFirst().city).isEqualTo("What is the weather in Paris?");
        assertThat(run.toolCalls().getFirst().days).isNotNegative();
    }

    @Test
    void theToolLoopEndsWhenStreamed() {
        Conversation run = runLoop(params -> {
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(accumulator::accumulate);
            }
            return accumulator.chatCompletion();
        });
        assertThat(run.rounds()).isEqualTo(2);
        assertThat(run.answer()).isEqualTo(weather(run.toolCalls().getFirst()));
    }

    @Test
    void structuredOutputParsesIntoTheRequestedClass() {
        StructuredChatCompletion<Trip> completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("test/agent").addUserMessage("Plan a weekend in Lisbon").responseFormat(Trip.class).build());
        Trip trip = completion.choices().getFirst().message().content().orElseThrow();
        assertThat(trip.title).isEqualTo("Plan a weekend in Lisbon");
        assertThat(trip.stops).hasSize(1);
        assertThat(trip.stops.getFirst().city).isEqualTo("Plan a weekend in Lisbon");
    }

    @Test
    void reasoningComesWhenAskedFor() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("test/agent").addUserMessage("Why is the sky blue?")
                .reasoningEffort(com.openai.models.ReasoningEffort.MEDIUM).build());
        assertThat(completion.choices().getFirst().message()._additionalProperties().get("reasoning").toString())
                .contains("Why is the sky blue?");
        assertThat(completion.usage().orElseThrow().completionTokensDetails().orElseThrow().reasoningTokens())
                .hasValueSatisfying(tokens -> assertThat(tokens).isPositive());
    }

    private record Conversation(int rounds, List<GetWeather> toolCalls, String answer) {}

    /** The loop of the SDK's function-calling example: call, run each tool, send the results, until an answer. */
    private static Conversation runLoop(Function<ChatCompletionCreateParams, ChatCompletion> complete) {
        ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder()
                .model("test/agent").addUserMessage("What is the weather in Paris?").addTool(GetWeather.class);
        List<GetWeather> calls = new ArrayList<>();
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            ChatCompletionMessage message = complete.apply(conversation.build()).choices().getFirst().message();
            conversation.addMessage(message);
            List<ChatCompletionMessageToolCall> toolCalls = message.toolCalls().orElse(List.of());
            if (toolCalls.isEmpty()) {
                return new Conversation(round, calls, message.content().orElseThrow());
            }
            for (ChatCompletionMessageToolCall toolCall : toolCalls) {
                ChatCompletionMessageFunctionToolCall function = toolCall.asFunction();
                GetWeather arguments = function.function().arguments(GetWeather.class);
                calls.add(arguments);
                conversation.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(function.id())
                        .content(weather(arguments)).build());
            }
        }
        throw new AssertionError("the tool loop did not end after " + MAX_ROUNDS + " rounds");
    }
}
