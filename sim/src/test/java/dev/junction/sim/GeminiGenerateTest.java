package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Gemini protocol, whole responses: shapes, tools, thinking, signatures, validation, keys and errors. */
class GeminiGenerateTest {
    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";

    private final SimHarness h = SimHarness.start(SimOptions.defaults()
            .withScript("thinker", SimScript.builder().reasoning("Let me think about it").build()));

    @AfterEach
    void stop() {
        h.close();
    }

    private static String request(String contents, String extra) {
        return "{\"contents\":" + contents + extra + "}";
    }

    private static String user(String text) {
        return "[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}]";
    }

    @Test
    void answersWithGooglesResponseShape() throws Exception {
        HttpResponse<String> response = h.post(GENERATE, request(user("hello there sim"),
                ",\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}]}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = SimHarness.json(response.body());
        assertThat(body.propertyNames()).containsExactly("candidates", "usageMetadata", "modelVersion", "responseId");
        JsonNode candidate = body.get("candidates").get(0);
        assertThat(candidate.get("content").get("role").stringValue()).isEqualTo("model");
        assertThat(candidate.get("content").get("parts").get(0).get("text").stringValue()).isEqualTo("hello there sim");
        assertThat(candidate.get("finishReason").stringValue()).isEqualTo("STOP");
        assertThat(body.get("usageMetadata")).isEqualTo(SimHarness.json("""
                {"promptTokenCount":5,"candidatesTokenCount":3,"totalTokenCount":8,
                 "promptTokensDetails":[{"modality":"TEXT","tokenCount":5}]}"""));
        assertThat(body.get("modelVersion").stringValue()).isEqualTo("gemini-2.5-flash");
        assertThat(body.get("responseId").stringValue()).hasSize(22);
        SimRequestRecord r = h.awaitLastClosed();
        assertThat(r.model()).isEqualTo("gemini-2.5-flash");
        assertThat(r.stream()).isFalse();
    }

    @Test
    void maxOutputTokensCutsTheReply() throws Exception {
        JsonNode body = SimHarness.json(h.post(GENERATE, request(user("a b c d e"),
                ",\"generationConfig\":{\"maxOutputTokens\":2}")).body());
        JsonNode candidate = body.get("candidates").get(0);
        assertThat(candidate.get("content").get("parts").get(0).get("text").stringValue()).isEqualTo("a b");
        assertThat(candidate.get("finishReason").stringValue()).isEqualTo("MAX_TOKENS");
    }

    @Test
    void scriptedCallsAreFunctionCallPartsThenTheResultsAreAnswered() throws Exception {
        String sim = ",\"sim\":{\"tool_calls\":[{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}},"
                + "{\"name\":\"get_time\",\"arguments\":\"{}\"}]}";
        JsonNode first = SimHarness.json(h.post(GENERATE, request(user("weather?"), sim)).body());
        JsonNode parts = first.get("candidates").get(0).get("content").get("parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).isEqualTo(SimHarness.json("""
                {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}"""));
        assertThat(first.get("candidates").get(0).get("finishReason").stringValue()).isEqualTo("STOP");

        String answered = "[{\"role\":\"user\",\"parts\":[{\"text\":\"weather?\"}]},{\"role\":\"model\",\"parts\":"
                + parts + "},{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_weather\","
                + "\"response\":{\"temp\":21}}},{\"functionResponse\":{\"name\":\"get_time\",\"response\":{\"t\":9}}}]}]";
        JsonNode second = SimHarness.json(h.post(GENERATE, request(answered, sim)).body());
        JsonNode answer = second.get("candidates").get(0).get("content").get("parts");
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).get("text").stringValue()).isEqualTo("{\"temp\":21}\n{\"t\":9}");
    }

    @Test
    void aThinkingModelShowsThoughtsOnRequestAndSignsItsCalls() throws Exception {
        String thinking = ",\"generationConfig\":{\"thinkingConfig\":{\"includeThoughts\":true}},"
                + "\"sim\":{\"tool_calls\":[{\"name\":\"f\",\"arguments\":{}},{\"name\":\"g\",\"arguments\":{}}]}";
        JsonNode body = SimHarness.json(h.post("/v1beta/models/thinker:generateContent",
                request(user("go"), thinking)).body());
        JsonNode parts = body.get("candidates").get(0).get("content").get("parts");
        assertThat(parts.get(0).get("text").stringValue()).isEqualTo("Let me think about it");
        assertThat(parts.get(0).get("thought").booleanValue()).isTrue();
        assertThat(parts.get(1).get("thoughtSignature").isString()).isTrue();
        assertThat(parts.get(2).has("thoughtSignature")).as("only the first parallel call is signed").isFalse();
        assertThat(body.get("usageMetadata").get("thoughtsTokenCount").intValue()).isEqualTo(5);

        JsonNode hidden = SimHarness.json(h.post("/v1beta/models/thinker:generateContent",
                request(user("go"), "")).body());
        JsonNode hiddenParts = hidden.get("candidates").get(0).get("content").get("parts");
        assertThat(hiddenParts).hasSize(1);
        assertThat(hiddenParts.get(0).get("text").stringValue()).isEqualTo("go");
        assertThat(hiddenParts.get(0).get("thoughtSignature").isString()).as("the text is signed").isTrue();
        assertThat(hidden.get("usageMetadata").get("thoughtsTokenCount").intValue()).isEqualTo(5);
    }

    @Test
    void aThinkingModelWantsItsSignaturesBack() throws Exception {
        String sim = ",\"sim\":{\"tool_calls\":[{\"name\":\"f\",\"arguments\":{}}]}";
        JsonNode first = SimHarness.json(h.post("/v1beta/models/thinker:generateContent",
                request(user("go"), sim)).body());
        JsonNode call = first.get("candidates").get(0).get("content").get("parts").get(0);
        String signature = call.get("thoughtSignature").stringValue();

        String unsigned = "[{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]},{\"role\":\"model\",\"parts\":"
                + "[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]},{\"role\":\"user\",\"parts\":"
                + "[{\"functionResponse\":{\"name\":\"f\",\"response\":{\"ok\":true}}}]}]";
        HttpResponse<String> refused = h.post("/v1beta/models/thinker:generateContent", request(unsigned, sim));
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = SimHarness.json(refused.body()).get("error");
        assertThat(error.get("status").stringValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.get("message").stringValue()).contains("missing a thought_signature")
                .contains("default_api:f");

        String signed = unsigned.replace("\"args\":{}}}", "\"args\":{}},\"thoughtSignature\":\"" + signature + "\"}");
        assertThat(h.post("/v1beta/models/thinker:generateContent", request(signed, sim)).statusCode()).isEqualTo(200);

        String forged = unsigned.replace("\"args\":{}}}", "\"args\":{}},\"thoughtSignature\":\"Zm9yZ2Vk\"}");
        HttpResponse<String> corrupted = h.post("/v1beta/models/thinker:generateContent", request(forged, sim));
        assertThat(corrupted.statusCode()).isEqualTo(400);
        assertThat(corrupted.body()).contains("Corrupted thought signature.");
    }

    @Test
    void cachedTokensAreReportedAsCachedContent() throws Exception {
        JsonNode usage = SimHarness.json(h.post(GENERATE, request(user("one two three four"),
                ",\"sim\":{\"cached_tokens\":3}")).body()).get("usageMetadata");
        assertThat(usage.get("promptTokenCount").intValue()).isEqualTo(4);
        assertThat(usage.get("cachedContentTokenCount").intValue()).isEqualTo(3);
        assertThat(usage.get("cacheTokensDetails").get(0).get("tokenCount").intValue()).isEqualTo(3);
    }

    @Test
    void scriptedFinishReasonsUseGeminisNames() throws Exception {
        JsonNode filtered = SimHarness.json(h.post(GENERATE, request(user("x"),
                ",\"sim\":{\"finish_reason\":\"content_filter\"}")).body());
        assertThat(filtered.get("candidates").get(0).get("finishReason").stringValue()).isEqualTo("SAFETY");
        JsonNode recitation = SimHarness.json(h.post(GENERATE, request(user("x"),
                ",\"sim\":{\"finish_reason\":\"recitation\"}")).body());
        assertThat(recitation.get("candidates").get(0).get("finishReason").stringValue()).isEqualTo("RECITATION");
    }

    @Test
    void scriptedStatusesUseGooglesEnvelope() throws Exception {
        HttpResponse<String> limited = h.post(GENERATE, request(user("x"),
                ",\"sim\":{\"status\":429,\"retry_after\":\"7\"}"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("7");
        JsonNode error = SimHarness.json(limited.body()).get("error");
        assertThat(error.get("code").intValue()).isEqualTo(429);
        assertThat(error.get("status").stringValue()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.get("details").get(0)).isEqualTo(SimHarness.json("""
                {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}"""));

        HttpResponse<String> overloaded = h.post(GENERATE, request(user("x"),
                ",\"sim\":{\"status\":503,\"error_message\":\"busy\"}"));
        assertThat(SimHarness.json(overloaded.body())).isEqualTo(SimHarness.json("""
                {"error":{"code":503,"message":"busy","status":"UNAVAILABLE"}}"""));
    }

    @Test
    void refusesWhatGoogleRefuses() throws Exception {
        assertRefused(request(user("x"), ",\"temperature\":1"), "Unknown name \"temperature\": Cannot find field.");
        assertRefused(request(user("x"), ",\"generationConfig\":{\"max_tokens\":5}"),
                "Unknown name \"max_tokens\" at 'generation_config': Cannot find field.");
        assertRefused("{\"contents\":[]}", "contents is not specified");
        assertRefused("{\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"x\"}]}]}",
                "Please use a valid role: user, model.");
        assertRefused("{\"contents\":[{\"role\":\"user\",\"parts\":[]}]}", "contents.parts must not be empty");
        assertRefused(request(user("x"), ",\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":1,"
                + "\"thinkingLevel\":\"low\"}}"), "not both");
        assertRefused(request(user("x"), ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{}}}]}]"), "should be non-empty for OBJECT type");
        assertRefused(request(user("x"), ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":false}}]}]"),
                "Unknown name \"additionalProperties\" at 'tools[0].function_declarations[0].parameters'");
        assertRefused(request(user("x"), ",\"generationConfig\":{\"responseSchema\":{\"type\":\"STRING\","
                + "\"format\":\"email\"}}"), "only 'enum' and 'date-time' are supported for STRING type");
        assertRefused("not json", "Invalid JSON payload received.");
    }

    private void assertRefused(String body, String message) throws Exception {
        HttpResponse<String> response = h.post(GENERATE, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(SimHarness.json(response.body()).get("error").get("message").stringValue()).contains(message);
    }

    @Test
    void theKeyGoesInXGoogApiKeyOrTheKeyParameter() throws Exception {
        try (SimHarness keyed = SimHarness.start(SimOptions.defaults().withRequiredApiKey("secret"))) {
            String body = request(user("x"), "");
            HttpResponse<String> missing = keyed.post(GENERATE, body);
            assertThat(missing.statusCode()).isEqualTo(403);
            assertThat(missing.body()).contains("PERMISSION_DENIED");

            HttpResponse<String> wrong = keyed.http.send(keyed.request(GENERATE).header("x-goog-api-key", "nope")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("API_KEY_INVALID");

            HttpResponse<String> header = keyed.http.send(keyed.request(GENERATE).header("x-goog-api-key", "secret")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(header.statusCode()).isEqualTo(200);
            assertThat(keyed.awaitLastClosed().header("x-goog-api-key")).hasValue("***");
            assertThat(keyed.post(GENERATE + "?key=secret", body).statusCode()).isEqualTo(200);
            assertThat(keyed.awaitLastClosed().authorized()).isTrue();
        }
    }

    @Test
    void tunedModelsAndV1PathsAreServedToo() throws Exception {
        assertThat(h.post("/v1/models/gemini-2.0-flash:generateContent", request(user("x"), "")).statusCode())
                .isEqualTo(200);
        assertThat(h.post("/v1beta/tunedModels/my-tune:generateContent", request(user("x"), "")).statusCode())
                .isEqualTo(200);
        assertThat(h.awaitLastClosed().model()).isEqualTo("tunedModels/my-tune");
        assertThat(h.post("/v1beta/models/gemini-2.5-flash:countTokens", request(user("x"), "")).statusCode())
                .isEqualTo(404);
    }
}
