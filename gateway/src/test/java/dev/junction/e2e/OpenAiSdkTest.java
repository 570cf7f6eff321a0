package dev.junction.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK, pointed at Junction with nothing changed but the base URL. */
class OpenAiSdkTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.defaults()
                    .withScript("breaks", SimScript.empty().withReply("one two three four")
                            .withFailAfterChunks(2, SimScript.FailMode.DISCONNECT)))
            .config("""
                    providers:
                      sim:
                        name: Sim Provider
                        base-url: ${SIM_URL}
                    models:
                      test/model:
                        endpoints:
                          - provider: sim
                            upstream-model: upstream-model
                            pricing: {prompt: "0.000001", completion: "0.000002"}
                      test/breaks:
                        endpoints: [{provider: sim, upstream-model: breaks}]
                    """);

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

    private static ChatCompletionCreateParams hello(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello world").build();
    }

    @Test
    void createReturnsTheAnswerWithUsageAndCost() {
        ChatCompletion completion = client.chat().completions().create(hello("test/model"));

        assertThat(completion.id()).startsWith("gen-");
        assertThat(completion.model()).isEqualTo("test/model");
        assertThat(completion.choices().getFirst().message().content()).hasValue("Say hello world");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(6);
        JsonValue cost = completion.usage().orElseThrow()._additionalProperties().get("cost");
        assertThat(new BigDecimal(cost.toString())).isEqualByComparingTo("0.000009");
        assertThat(completion._additionalProperties().get("provider").toString()).contains("Sim Provider");
    }

    @Test
    void createStreamingDeliversTheChunksAndAFinalUsage() {
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(hello("test/model"))) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            });
        }
        assertThat(text.toString()).isEqualTo("Say hello world");
        assertThat(chunks.getLast().usage().orElseThrow().totalTokens()).isEqualTo(6);
        assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo("test/model"));
    }

    @Test
    void midStreamFailureSurfacesAsAnSdkError() {
        StringBuilder text = new StringBuilder();
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(hello("test/breaks"))) {
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
            }
        }).isInstanceOf(OpenAIException.class);
        assertThat(text.toString()).isEqualTo("one two");
    }

    @Test
    void unknownModelIsABadRequest() {
        assertThatThrownBy(() -> client.chat().completions().create(hello("nobody/nothing")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("nobody/nothing is not a valid model ID");
    }

    @Test
    void legacyCompletionsWork() {
        Completion completion = client.completions().create(CompletionCreateParams.builder()
                .model("test/model").prompt("Once upon a time").build());
        assertThat(completion.id()).startsWith("gen-");
        assertThat(completion.choices().getFirst().text()).isEqualTo("Once upon a time");
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(4);
    }

    @Test
    void legacyCompletionsStream() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<Completion> stream = client.completions().createStreaming(CompletionCreateParams.builder()
                .model("test/model").prompt("Once upon a time").build())) {
            stream.stream().forEach(c -> c.choices().forEach(choice -> text.append(choice.text())));
        }
        assertThat(text.toString()).isEqualTo("Once upon a time");
    }
}
