package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ScriptingTest {

    private static JsonNode choice(HttpResponse<String> response) {
        return SimHarness.json(response.body()).get("choices").get(0);
    }

    private static String chat(String model, String sim) {
        return """
                {"model":"%s","messages":[{"role":"user","content":"echo me"}]%s}"""
                .formatted(model, sim.isEmpty() ? "" : ",\"sim\":" + sim);
    }

    @Test
    void bodyBeatsModelScriptBeatsDefaultFieldByField() throws Exception {
        var options = SimOptions.builder()
                .defaultScript(SimScript.builder().reply("from default").finishReason("length").build())
                .script("scripted", SimScript.builder().reply("from model").build())
                .build();
        try (var h = SimHarness.start(options)) {
            assertThat(choice(h.post("/v1/chat/completions", chat("other", ""))).get("message").get("content")
                    .stringValue()).isEqualTo("from default");

            JsonNode byModel = choice(h.post("/v1/chat/completions", chat("scripted", "")));
            assertThat(byModel.get("message").get("content").stringValue()).isEqualTo("from model");
            assertThat(byModel.get("finish_reason").stringValue()).as("unset fields fall through").isEqualTo("length");

            JsonNode byBody = choice(h.post("/v1/chat/completions",
                    chat("scripted", "{\"reply\":\"from body\",\"finish_reason\":\"stop\"}")));
            assertThat(byBody.get("message").get("content").stringValue()).isEqualTo("from body");
            assertThat(byBody.get("finish_reason").stringValue()).isEqualTo("stop");
        }
    }

    @Test
    void aBodyReplyReplacesAModelsReplyTokens() throws Exception {
        var options = SimOptions.builder().script("load", SimScript.builder().replyTokens(3).build()).build();
        try (var h = SimHarness.start(options)) {
            assertThat(choice(h.post("/v1/chat/completions", chat("load", ""))).get("message").get("content")
                    .stringValue()).isEqualTo("tok0 tok1 tok2");
            assertThat(choice(h.post("/v1/chat/completions", chat("load", "{\"reply\":\"x\"}"))).get("message")
                    .get("content").stringValue()).isEqualTo("x");
        }
    }

    @Test
    void errorStatusUsesOpenAisErrorShapeAndRetryAfter() throws Exception {
        var options = SimOptions.builder()
                .script("limited", SimScript.builder().status(429).retryAfter("7").build())
                .build();
        try (var h = SimHarness.start(options)) {
            HttpResponse<String> limited = h.post("/v1/chat/completions", chat("limited", ""));
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).hasValue("7");
            assertThat(limited.body()).isEqualTo("{\"error\":{\"message\":\"Rate limit reached for requests. "
                    + "Please try again later.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");

            HttpResponse<String> overloaded = h.post("/v1/chat/completions", """
                    {"model":"m","stream":true,"messages":[],
                     "sim":{"status":503,"error_message":"try later","error_type":"overloaded","error_code":"busy"}}""");
            assertThat(overloaded.statusCode()).isEqualTo(503);
            assertThat(overloaded.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(overloaded.body()).isEqualTo(
                    "{\"error\":{\"message\":\"try later\",\"type\":\"overloaded\",\"param\":null,\"code\":\"busy\"}}");

            HttpResponse<String> cleared = h.post("/v1/chat/completions", chat("limited", "{\"status\":200}"));
            assertThat(cleared.statusCode()).as("a body status below 400 switches the error off").isEqualTo(200);

            SimRequestRecord record = h.sim.stats().requests().getFirst();
            assertThat(record.status()).isEqualTo(429);
            assertThat(record.completed()).isTrue();
        }
    }

    @Test
    void ttftDelaysErrorsToo() throws Exception {
        try (var h = SimHarness.start()) {
            long start = System.nanoTime();
            HttpResponse<String> response = h.post("/v1/chat/completions",
                    chat("m", "{\"status\":500,\"ttft_ms\":100}"));
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(SimHarness.json(response.body()).get("error").get("type").stringValue())
                    .isEqualTo("server_error");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void nonStreamedResponsesTakeTheWholeGenerationTime() throws Exception {
        try (var h = SimHarness.start()) {
            long start = System.nanoTime();
            h.post("/v1/chat/completions", chat("m", "{\"reply_tokens\":6,\"chunk_interval_ms\":25}"));
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(5 * 25);
        }
    }

    @Test
    void invalidSimScriptIsA400NamingTheProblem() throws Exception {
        try (var h = SimHarness.start()) {
            HttpResponse<String> typo = h.post("/v1/chat/completions", chat("m", "{\"ttft\":100}"));
            assertThat(typo.statusCode()).isEqualTo(400);
            JsonNode error = SimHarness.json(typo.body()).get("error");
            assertThat(error.get("message").stringValue()).contains("unknown sim script field 'ttft'");
            assertThat(error.get("param").stringValue()).isEqualTo("sim");

            HttpResponse<String> wrongType = h.post("/v1/chat/completions", chat("m", "{\"status\":\"429\"}"));
            assertThat(wrongType.statusCode()).isEqualTo(400);
            assertThat(wrongType.body()).contains("status must be an integer");
        }
    }

    @Test
    void rawReplaysFramesVerbatim() throws Exception {
        try (var h = SimHarness.start()) {
            HttpResponse<String> streamed = h.post("/v1/chat/completions", """
                    {"model":"m","stream":true,"messages":[],
                     "sim":{"raw":[": OPENROUTER PROCESSING\\n\\n","data: {\\"x\\":1}\\n\\n","data: [DONE]\\n\\n"]}}""");
            assertThat(streamed.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(streamed.body()).isEqualTo(": OPENROUTER PROCESSING\n\ndata: {\"x\":1}\n\ndata: [DONE]\n\n");

            HttpResponse<String> whole = h.post("/v1/chat/completions", """
                    {"model":"m","messages":[],"sim":{"status":402,"raw":["{\\"error\\":", "{\\"code\\":402}}"]}}""");
            assertThat(whole.statusCode()).isEqualTo(402);
            assertThat(whole.body()).isEqualTo("{\"error\":{\"code\":402}}");
        }
    }

    @Test
    void scriptJsonRoundTripsAndScriptFilesLoad() {
        SimScript script = SimScript.builder()
                .reply("hi").ttftMs(5).tokensPerSecond(50).status(503).errorMessage("m").errorType("t")
                .errorCode("c").retryAfter("1").failAfterChunks(2).failMode(SimScript.FailMode.ERROR_EVENT)
                .hang(false).usage(true).cachedTokens(1).reasoningTokens(2).reasoning("r")
                .toolCall("f", "{\"a\":1}").finishReason("length").padBytes(3).raw(List.of("x"))
                .build();
        assertThat(SimScript.fromJson(script.toJson())).isEqualTo(script);

        SimScriptFile file = SimScriptFile.parse("""
                {"default":{"ttft_ms":10},"models":{"b":{"status":500},"a":{"reply_tokens":3}}}""");
        SimOptions options = file.applyTo(SimOptions.defaults());
        assertThat(options.defaultScript().ttftMs()).hasValue(10);
        assertThat(options.scriptFor("a").orElseThrow().replyTokens()).hasValue(3);
        assertThat(options.models()).containsExactly("b", "a", "sim-echo");

        assertThatThrownBy(() -> SimScriptFile.parse("{\"models\":{\"x\":{\"fail_mode\":\"explode\"}}}"))
                .isInstanceOf(SimScriptException.class)
                .hasMessageContaining("script of model 'x'")
                .hasMessageContaining("fail_mode");
    }

    @Test
    void optionsDeriveTheModelListUntilItIsSetExplicitly() {
        SimOptions derived = SimOptions.defaults().withScript("m1", SimScript.empty());
        assertThat(derived.models()).containsExactly("m1", "sim-echo");
        assertThat(derived.withScript("m2", SimScript.empty()).models()).containsExactly("m1", "m2", "sim-echo");

        SimOptions explicit = derived.withModels(List.of("only"));
        assertThat(explicit.withScripts(Map.of("m3", SimScript.empty())).models()).containsExactly("only");
        assertThat(SimOptions.defaults().withRequiredApiKey("sk-very-secret").toString())
                .doesNotContain("sk-very-secret");
    }
}
