package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An unscripted sim behaves like a cooperative model for real clients: it calls an offered tool once per user turn
 * and then answers from the tool's result, answers structured-output requests with JSON conforming to the schema,
 * and reasons when asked to.
 */
class DefaultBehaviourTest {
    private static final String WEATHER_TOOL = """
            {"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
             "properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1}},"required":["city","days"]}}}""";
    private static final String TIME_TOOL = """
            {"type":"function","function":{"name":"get_time"}}""";

    private final SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    private JsonNode chat(String json) throws Exception {
        var response = h.post("/v1/chat/completions", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SimHarness.json(response.body()).get("choices").get(0);
    }

    @Test
    void callsTheFirstOfferedToolWithArgumentsFromItsSchemaThenAnswersFromTheResult() throws Exception {
        JsonNode first = chat("""
                {"model":"m","messages":[{"role":"user","content":"Weather in Paris?"}],"tools":[%s,%s]}"""
                .formatted(WEATHER_TOOL, TIME_TOOL));
        assertThat(first.get("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode call = first.get("message").get("tool_calls").get(0);
        assertThat(call.get("function").get("name").asString()).isEqualTo("get_weather");
        assertThat(call.get("function").get("arguments").asString()).isEqualTo("{\"city\":\"Weather in Paris?\",\"days\":1}");
        assertThat(first.get("message").get("tool_calls")).hasSize(1);

        JsonNode answer = chat("""
                {"model":"m","tools":[%s],"messages":[{"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function",
                   "function":{"name":"get_weather","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"%s","content":"18 degrees and sunny"}]}"""
                .formatted(WEATHER_TOOL, call.get("id").asString(), call.get("id").asString()));
        assertThat(answer.get("finish_reason").asString()).isEqualTo("stop");
        assertThat(answer.get("message").get("content").asString()).isEqualTo("18 degrees and sunny");
        assertThat(answer.get("message").has("tool_calls")).isFalse();
    }

    @Test
    void toolArgumentsQuoteOnlyTheStartOfALongPrompt() throws Exception {
        String longPrompt = "Weather in Paris? " + "And tell me more. ".repeat(5_000);
        JsonNode first = chat("""
                {"model":"m","messages":[{"role":"user","content":"%s"}],"tools":[%s]}"""
                .formatted(longPrompt, WEATHER_TOOL));
        String city = SimHarness.json(first.get("message").get("tool_calls").get(0).get("function").get("arguments")
                .asString()).get("city").asString();
        assertThat(city).startsWith("Weather in Paris? And tell me more.").endsWith("…").hasSizeLessThan(100);
    }

    @Test
    void aScriptedToolCallIsMadeOncePerUserTurn() throws Exception {
        String script = ",\"sim\":{\"tool_calls\":[{\"name\":\"get_time\",\"arguments\":{}}]}";
        JsonNode answer = chat("""
                {"model":"m","messages":[{"role":"user","content":"What time is it?"},
                 {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"noon"}]%s}""".formatted(script));
        assertThat(answer.get("message").get("content").asString()).isEqualTo("noon");

        JsonNode nextTurn = chat("""
                {"model":"m","messages":[{"role":"user","content":"What time is it?"},
                 {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"noon"},
                 {"role":"assistant","content":"noon"},{"role":"user","content":"And now?"}]%s}""".formatted(script));
        assertThat(nextTurn.get("finish_reason").asString()).isEqualTo("tool_calls");
    }

    @Test
    void toolChoiceIsObeyed() throws Exception {
        JsonNode none = chat("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[%s],"tool_choice":"none"}"""
                .formatted(WEATHER_TOOL));
        assertThat(none.get("message").get("content").asString()).isEqualTo("hi");
        JsonNode named = chat("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[%s,%s],
                 "tool_choice":{"type":"function","function":{"name":"get_time"}}}""".formatted(WEATHER_TOOL, TIME_TOOL));
        JsonNode call = named.get("message").get("tool_calls").get(0).get("function");
        assertThat(call.get("name").asString()).isEqualTo("get_time");
        assertThat(call.get("arguments").asString()).as("a tool without parameters takes none").isEqualTo("{}");
    }

    @Test
    void structuredOutputConformsToTheSchema() throws Exception {
        JsonNode schema = chat("""
                {"model":"m","messages":[{"role":"user","content":"Plan a trip"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"trip","strict":true,"schema":
                   {"type":"object","properties":{"title":{"type":"string"},"stops":{"type":"array",
                    "items":{"type":"object","properties":{"city":{"type":"string"},"nights":{"type":"integer","minimum":1}},
                    "required":["city","nights"],"additionalProperties":false}}},
                    "required":["title","stops"],"additionalProperties":false}}}}""");
        JsonNode trip = SimHarness.json(schema.get("message").get("content").asString());
        assertThat(trip.toString()).isEqualTo("{\"title\":\"Plan a trip\",\"stops\":[{\"city\":\"Plan a trip\",\"nights\":1}]}");

        JsonNode object = chat("""
                {"model":"m","messages":[{"role":"user","content":"Say hi"}],"response_format":{"type":"json_object"}}""");
        assertThat(SimHarness.json(object.get("message").get("content").asString()).toString())
                .isEqualTo("{\"answer\":\"Say hi\"}");
    }

    @Test
    void reasonsWhenAskedAndNotOtherwise() throws Exception {
        JsonNode asked = chat("""
                {"model":"m","messages":[{"role":"user","content":"Why is the sky blue?"}],"reasoning":{"effort":"high"}}""");
        assertThat(asked.get("message").get("reasoning").asString())
                .isEqualTo("The user asks: \"Why is the sky blue?\". I can answer that directly.");
        assertThat(chat("""
                {"model":"m","messages":[{"role":"user","content":"Why?"}],"reasoning_effort":"low"}""")
                .get("message").has("reasoning")).isTrue();
        assertThat(chat("""
                {"model":"m","messages":[{"role":"user","content":"Why?"}],"reasoning":{"effort":"high","exclude":true}}""")
                .get("message").has("reasoning")).isFalse();
        assertThat(chat("""
                {"model":"m","messages":[{"role":"user","content":"Why?"}]}""").get("message").has("reasoning")).isFalse();
    }

    @Test
    void anthropicAndGeminiCallOfferedToolsAndAnswerInTheirSchema() throws Exception {
        var anthropic = h.request("/v1/messages").header("anthropic-version", "2023-06-01")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"model":"claude","max_tokens":100,"messages":[{"role":"user","content":"Weather?"}],
                         "thinking":{"type":"enabled","budget_tokens":1024},
                         "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]}"""))
                .build();
        JsonNode message = SimHarness.json(h.http.send(anthropic, java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertThat(message.get("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(message.get("content").get(0).get("type").asString()).isEqualTo("thinking");
        JsonNode use = message.get("content").get(message.get("content").size() - 1);
        assertThat(use.get("name").asString()).isEqualTo("get_weather");
        assertThat(use.get("input").toString()).isEqualTo("{\"city\":\"Weather?\"}");

        JsonNode gemini = SimHarness.json(h.post("/v1beta/models/gemini-2.5-flash:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"List colours"}]}],
                 "generationConfig":{"responseMimeType":"application/json",
                   "responseSchema":{"type":"OBJECT","properties":{"colours":{"type":"ARRAY","items":{"type":"STRING"}}}}}}""")
                .body());
        String text = gemini.get("candidates").get(0).get("content").get("parts").get(0).get("text").asString();
        assertThat(SimHarness.json(text).toString()).isEqualTo("{\"colours\":[\"List colours\"]}");
    }
}
