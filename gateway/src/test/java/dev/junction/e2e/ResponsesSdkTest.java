package dev.junction.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
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

/**
 * The OpenAI Responses API, through the official {@code openai-java} SDK's {@code responses().create} and
 * {@code createStreaming}, in front of each provider kind the gateway translates to: an OpenAI-compatible
 * upstream, Anthropic's Messages API and Gemini — text, a two-turn tool call, structured output, reasoning
 * (with the provider's signatures surviving the round trip), all billed like chat.
 */
class ResponsesSdkTest {
    private static final String WEATHER_ARGS = "{\"location\":\"Paris\"}";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim(SimOptions.builder()
                    .script("weather", SimScript.builder().toolCall("get_weather", WEATHER_ARGS).build())
                    .script("answer", SimScript.builder().reply("It is sunny in Paris.").build())
                    .script("thinker", SimScript.builder().reasoning("Six times seven.").reply("42").build())
                    .script("structured", SimScript.builder().reply("{\"city\":\"Paris\",\"celsius\":21}").build())
                    .build())
            .config(models());

    private static OpenAIClient client;

    /** For each kind, a provider on the sim and a model per script, priced so that usage has a cost. */
    private static String models() {
        StringBuilder yaml = new StringBuilder("""
                providers:
                  openai-sim: {name: OpenAI Sim, base-url: "${SIM_URL}"}
                  anthropic-sim: {name: Anthropic Sim, kind: anthropic, base-url: "${SIM_URL}"}
                  gemini-sim: {name: Gemini Sim, kind: gemini, base-url: "${SIM_GEMINI_URL}"}
                models:
                """);
        for (String kind : List.of("openai", "anthropic", "gemini")) {
            for (String script : List.of("hello", "weather", "answer", "thinker", "structured")) {
                yaml.append("  test/").append(kind).append('-').append(script).append(":\n")
                        .append("    endpoints: [{provider: ").append(kind).append("-sim, upstream-model: ").append(script)
                        .append(", pricing: {prompt: \"0.000001\", completion: \"0.000002\"}}]\n");
            }
        }
        return yaml.toString();
    }

    @BeforeAll
    static void connect() {
        client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.url("/api/v1"))
                .apiKey(gateway.key())
                .timeout(Duration.ofSeconds(30))
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void text(String kind) throws Exception {
        Response response = client.responses().create(ResponseCreateParams.builder()
                .model("test/" + kind + "-hello").input("hello there").instructions("Be brief.").build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(text(response)).isEqualTo("hello there");
        assertThat(response.usage()).hasValueSatisfying(u -> {
            assertThat(u.inputTokens()).isPositive();
            assertThat(u.outputTokens()).isEqualTo(2);
            assertThat(u.totalTokens()).isEqualTo(u.inputTokens() + u.outputTokens());
        });
        assertThat(Json.parse(ObjectMappers.jsonMapper().writeValueAsString(response.usage().orElseThrow()))
                .get("cost").decimalValue()).isPositive();
        // The same generation, in /generation, by the response's id.
        JsonNode generation = generation(response.id());
        assertThat(generation.get("model").asString()).isEqualTo("test/" + kind + "-hello");
        assertThat(generation.get("tokens_completion").asLong()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void streamedText(String kind) {
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ResponseCreateParams.builder()
                .model("test/" + kind + "-hello").input("hello there streamed").build())) {
            stream.stream().forEach(events::add);
        }

        assertThat(events.getFirst().isCreated()).isTrue();
        assertThat(events.get(1).isInProgress()).isTrue();
        assertThat(events.getLast().isCompleted()).isTrue();
        StringBuilder deltas = new StringBuilder();
        events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .forEach(e -> deltas.append(e.asOutputTextDelta().delta()));
        assertThat(deltas.toString()).isEqualTo("hello there streamed");
        assertThat(events).filteredOn(ResponseStreamEvent::isOutputTextDone).singleElement()
                .satisfies(e -> assertThat(e.asOutputTextDone().text()).isEqualTo("hello there streamed"));
        for (int i = 0; i < events.size(); i++) {
            assertThat(sequenceNumber(events.get(i))).as("event %d", i).isEqualTo(i);
        }
        Response completed = events.getLast().asCompleted().response();
        assertThat(text(completed)).isEqualTo("hello there streamed");
        assertThat(completed.usage()).hasValueSatisfying(u -> assertThat(u.outputTokens()).isEqualTo(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void aToolCallAndItsOutputOverTwoTurns(String kind) {
        FunctionTool weather = FunctionTool.builder().name("get_weather").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .build())
                .build();
        EasyInputMessage question = EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content("What is the weather in Paris?").build();
        Response first = client.responses().create(ResponseCreateParams.builder()
                .model("test/" + kind + "-weather").input(ResponseCreateParams.Input.ofResponse(
                        List.of(ResponseInputItem.ofEasyInputMessage(question)))).addTool(weather).build());

        ResponseFunctionToolCall call = first.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .map(ResponseOutputItem::asFunctionCall).findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(Json.parse(call.arguments())).isEqualTo(Json.parse(WEATHER_ARGS));
        assertThat(call.callId()).isNotBlank();

        List<ResponseInputItem> turn = new ArrayList<>();
        turn.add(ResponseInputItem.ofEasyInputMessage(question));
        first.output().stream().filter(ResponseOutputItem::isReasoning)
                .forEach(r -> turn.add(ResponseInputItem.ofReasoning(r.asReasoning())));
        turn.add(ResponseInputItem.ofFunctionCall(call));
        turn.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output("{\"sky\":\"clear\",\"celsius\":21}").build()));
        Response second = client.responses().create(ResponseCreateParams.builder()
                .model("test/" + kind + "-answer").input(ResponseCreateParams.Input.ofResponse(turn)).addTool(weather).build());

        assertThat(text(second)).isEqualTo("It is sunny in Paris.");
        // The tool's result reached the upstream, in its own protocol, tied to the call.
        String upstream = lastUpstreamBody("answer");
        assertThat(upstream).contains("clear").contains(switch (kind) {
            case "openai" -> "\"tool_call_id\":\"" + call.callId() + "\"";
            case "anthropic" -> "\"tool_use_id\":\"" + call.callId() + "\"";
            default -> "\"functionResponse\"";
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void structuredOutput(String kind) {
        ResponseFormatTextJsonSchemaConfig format = ResponseFormatTextJsonSchemaConfig.builder().name("weather").strict(true)
                .schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "city", Map.of("type", "string"), "celsius", Map.of("type", "number"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city", "celsius")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .build();

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model("test/" + kind + "-structured").input("Weather in Paris as JSON")
                .text(ResponseTextConfig.builder().format(format).build()).build());

        JsonNode answer = Json.parse(text(response));
        assertThat(answer.get("city").asString()).isEqualTo("Paris");
        String upstream = lastUpstreamBody("structured");
        assertThat(upstream).contains("celsius").contains(switch (kind) {
            case "openai" -> "\"response_format\"";
            case "anthropic" -> "\"output_config\"";
            default -> "\"responseSchema\"";
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void reasoningComesBackAsAReasoningItemAndGoesBackUpstream(String kind) {
        Response first = client.responses().create(ResponseCreateParams.builder()
                .model("test/" + kind + "-thinker").input("What is six times seven?")
                .reasoning(Reasoning.builder().effort(ReasoningEffort.HIGH).build()).build());

        ResponseReasoningItem reasoning = first.output().stream().filter(ResponseOutputItem::isReasoning)
                .map(ResponseOutputItem::asReasoning).findFirst().orElseThrow();
        assertThat(reasoning.summary()).singleElement().satisfies(s -> assertThat(s.text()).isEqualTo("Six times seven."));
        assertThat(text(first)).isEqualTo("42");
        assertThat(first.usage()).hasValueSatisfying(u -> assertThat(u.outputTokensDetails().reasoningTokens()).isPositive());

        // The next turn sends the whole output back; a provider that signs its reasoning gets its signature back.
        List<ResponseInputItem> turn = new ArrayList<>();
        turn.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content("What is six times seven?").build()));
        turn.add(ResponseInputItem.ofReasoning(reasoning));
        first.output().stream().filter(ResponseOutputItem::isMessage)
                .forEach(m -> turn.add(ResponseInputItem.ofResponseOutputMessage(m.asMessage())));
        turn.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content("And seven times six?").build()));
        client.responses().create(ResponseCreateParams.builder()
                .model("test/" + kind + "-thinker").input(ResponseCreateParams.Input.ofResponse(turn)).build());

        String upstream = lastUpstreamBody("thinker");
        switch (kind) {
            case "anthropic" -> {
                assertThat(reasoning.encryptedContent()).isPresent();
                assertThat(upstream).contains("\"type\":\"thinking\"").contains("\"signature\"");
            }
            case "gemini" -> {
                assertThat(reasoning.encryptedContent()).isPresent();
                assertThat(upstream).contains("\"thoughtSignature\"");
            }
            default -> assertThat(upstream).contains("And seven times six?");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void aStreamedToolCallArrivesAsArgumentDeltas(String kind) {
        List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model("test/" + kind + "-weather")
                .input("What is the weather in Paris?").addTool(FunctionTool.builder().name("get_weather").strict(false)
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object")).build())
                        .build())
                .build());

        StringBuilder arguments = new StringBuilder();
        events.stream().filter(ResponseStreamEvent::isFunctionCallArgumentsDelta)
                .forEach(e -> arguments.append(e.asFunctionCallArgumentsDelta().delta()));
        assertThat(Json.parse(arguments.toString())).isEqualTo(Json.parse(WEATHER_ARGS));
        assertThat(events).filteredOn(ResponseStreamEvent::isFunctionCallArgumentsDone).singleElement()
                .satisfies(e -> assertThat(Json.parse(e.asFunctionCallArgumentsDone().arguments())).isEqualTo(Json.parse(WEATHER_ARGS)));
        ResponseFunctionToolCall call = events.getLast().asCompleted().response().output().stream()
                .filter(ResponseOutputItem::isFunctionCall).map(ResponseOutputItem::asFunctionCall).findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void streamedReasoningArrivesAsSummaryDeltasBeforeTheText(String kind) {
        List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model("test/" + kind + "-thinker")
                .input("What is six times seven?").reasoning(Reasoning.builder().effort(ReasoningEffort.HIGH).build())
                .build());

        StringBuilder summary = new StringBuilder();
        events.stream().filter(ResponseStreamEvent::isReasoningSummaryTextDelta)
                .forEach(e -> summary.append(e.asReasoningSummaryTextDelta().delta()));
        assertThat(summary.toString()).isEqualTo("Six times seven.");
        int lastReasoning = lastIndex(events, ResponseStreamEvent::isReasoningSummaryTextDelta);
        int firstText = events.indexOf(events.stream().filter(ResponseStreamEvent::isOutputTextDelta).findFirst().orElseThrow());
        assertThat(lastReasoning).isLessThan(firstText);
        Response completed = events.getLast().asCompleted().response();
        assertThat(text(completed)).isEqualTo("42");
        ResponseReasoningItem reasoning = completed.output().getFirst().asReasoning();
        assertThat(reasoning.summary()).singleElement().satisfies(s -> assertThat(s.text()).isEqualTo("Six times seven."));
        if (!kind.equals("openai")) { // the providers that sign their reasoning
            assertThat(reasoning.encryptedContent()).isPresent();
        }
    }

    // ---- helpers ----

    private static List<ResponseStreamEvent> stream(ResponseCreateParams params) {
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            stream.stream().forEach(events::add);
        }
        assertThat(events.getLast().isCompleted()).as("the stream completed").isTrue();
        return events;
    }

    private static int lastIndex(List<ResponseStreamEvent> events, java.util.function.Predicate<ResponseStreamEvent> which) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (which.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        response.output().stream().filter(ResponseOutputItem::isMessage).forEach(m -> m.asMessage().content()
                .forEach(c -> c.outputText().ifPresent(t -> text.append(t.text()))));
        return text.toString();
    }

    private static long sequenceNumber(ResponseStreamEvent event) {
        try {
            return Json.parse(ObjectMappers.jsonMapper().writeValueAsString(event)).get("sequence_number").asLong();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String lastUpstreamBody(String upstreamModel) {
        Optional<SimRequestRecord> last = gateway.sim().stats().last();
        assertThat(last).as("the sim received a request").isPresent();
        assertThat(last.get().path() + Json.text(last.get().body())).contains(upstreamModel);
        return Json.text(last.get().body());
    }

    private static JsonNode generation(String responseId) {
        return Poll.value("the generation of " + responseId, () -> {
            HttpResponse<String> r = gateway.get("/api/v1/generation?id=" + responseId);
            return r.statusCode() == 200 ? Optional.of(Json.parse(r.body()).get("data")) : Optional.empty();
        });
    }
}
