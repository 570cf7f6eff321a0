package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChatCompletionTest {
    private final SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void echoesTheLastUserMessageInOpenAisShape() throws Exception {
        HttpResponse<String> response = h.post("/v1/chat/completions", """
                {"model":"gpt-4o-mini","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":"first question"},
                  {"role":"assistant","content":"an answer"},
                  {"role":"user","content":[{"type":"text","text":"what is"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"two plus two"}]}
                ]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = SimHarness.json(response.body());
        assertThat(body.propertyNames()).containsExactly("id", "object", "created", "model", "system_fingerprint",
                "choices", "usage", "service_tier");
        assertThat(body.get("id").stringValue()).startsWith("chatcmpl-");
        assertThat(body.get("object").stringValue()).isEqualTo("chat.completion");
        assertThat(body.get("created").longValue()).isCloseTo(System.currentTimeMillis() / 1000,
                org.assertj.core.data.Offset.offset(5L));
        assertThat(body.get("model").stringValue()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("system_fingerprint").stringValue()).isEqualTo("fp_sim");
        assertThat(body.get("service_tier").stringValue()).isEqualTo("default");

        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.propertyNames()).containsExactly("index", "message", "logprobs", "finish_reason");
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(choice.get("logprobs").isNull()).isTrue();
        JsonNode message = choice.get("message");
        assertThat(message.propertyNames()).containsExactly("role", "content", "refusal", "annotations");
        assertThat(message.get("content").stringValue()).isEqualTo("what is\ntwo plus two");
        assertThat(message.get("refusal").isNull()).isTrue();
        assertThat(message.get("annotations").isArray()).isTrue();

        // Words: 2 + 2 + 2 + (2 + 3) in the prompt; the echoed reply has 5.
        assertThat(body.get("usage").toString()).isEqualTo("""
                {"prompt_tokens":11,"completion_tokens":5,"total_tokens":16,\
                "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},\
                "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,\
                "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""");
    }

    @Test
    void toolCallsHaveNullContentAndFinishWithToolCalls() throws Exception {
        JsonNode body = SimHarness.json(h.post("/v1/chat/completions", """
                {"model":"m","messages":[{"role":"user","content":"weather?"}],
                 "sim":{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}},
                                      {"name":"get_time","arguments":"{\\"tz\\": \\"CET\\"}"}]}}""").body());

        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo("tool_calls");
        JsonNode message = choice.get("message");
        assertThat(message.get("content").isNull()).isTrue();
        JsonNode calls = message.get("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).get("id").stringValue()).startsWith("call_");
        assertThat(calls.get(0).get("type").stringValue()).isEqualTo("function");
        assertThat(calls.get(0).get("function").get("name").stringValue()).isEqualTo("get_weather");
        assertThat(calls.get(0).get("function").get("arguments").stringValue()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(calls.get(1).get("function").get("arguments").stringValue()).isEqualTo("{\"tz\": \"CET\"}");
        // name + arguments words: (1 + 1) + (1 + 2)
        assertThat(body.get("usage").get("completion_tokens").intValue()).isEqualTo(5);
    }

    @Test
    void reasoningIsReturnedAndCountedInsideCompletionTokens() throws Exception {
        JsonNode body = SimHarness.json(h.post("/v1/chat/completions", """
                {"model":"m","messages":[{"role":"user","content":"hi"}],
                 "sim":{"reply":"Hello you.","reasoning":"The user greets me.","cached_tokens":50}}""").body());

        JsonNode message = body.get("choices").get(0).get("message");
        assertThat(message.get("reasoning").stringValue()).isEqualTo("The user greets me.");
        assertThat(message.get("content").stringValue()).isEqualTo("Hello you.");
        JsonNode usage = body.get("usage");
        assertThat(usage.get("completion_tokens").intValue()).isEqualTo(2 + 4);
        assertThat(usage.get("completion_tokens_details").get("reasoning_tokens").intValue()).isEqualTo(4);
        assertThat(usage.get("prompt_tokens_details").get("cached_tokens").intValue())
                .as("cached tokens are capped at the prompt tokens").isEqualTo(1);
    }

    @Test
    void maxTokensCutsTheReplyWithFinishReasonLength() throws Exception {
        JsonNode body = SimHarness.json(h.post("/v1/chat/completions", """
                {"model":"m","max_tokens":3,"messages":[{"role":"user","content":"one two three four five"}]}""")
                .body());

        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("message").get("content").stringValue()).isEqualTo("one two three");
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo("length");
        assertThat(body.get("usage").get("completion_tokens").intValue()).isEqualTo(3);
    }

    @Test
    void usageFalseOmitsUsageAndFinishReasonCanBeScripted() throws Exception {
        JsonNode body = SimHarness.json(h.post("/v1/chat/completions", """
                {"model":"m","messages":[{"role":"user","content":"hi"}],
                 "sim":{"usage":false,"finish_reason":"content_filter","reply_tokens":4}}""").body());

        assertThat(body.has("usage")).isFalse();
        assertThat(body.get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("content_filter");
        assertThat(body.get("choices").get(0).get("message").get("content").stringValue())
                .isEqualTo("tok0 tok1 tok2 tok3");
    }

    @Test
    void noUserMessageGivesTheDefaultReply() throws Exception {
        JsonNode body = SimHarness.json(h.post("/v1/chat/completions", """
                {"model":"m","messages":[{"role":"system","content":"You are terse."}]}""").body());

        assertThat(body.get("choices").get(0).get("message").get("content").stringValue())
                .isEqualTo("Hello from junction-sim.");
    }

    @Test
    void recordsWhatTheClientSent() throws Exception {
        h.http.send(h.request("/v1/chat/completions")
                        .header("Authorization", "Bearer sk-secret")
                        .header("X-Title", "tests")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"up-model\",\"temperature\":0.5,\"messages\":[]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        SimRequestRecord r = h.awaitLastClosed();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.model()).isEqualTo("up-model");
        assertThat(r.stream()).isFalse();
        assertThat(r.body().get("temperature").doubleValue()).isEqualTo(0.5);
        assertThat(r.headers()).containsEntry("authorization", "Bearer ***").containsEntry("x-title", "tests");
        assertThat(r.header("X-Title")).hasValue("tests");
        assertThat(r.authorized()).isTrue();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.completed()).isTrue();
        assertThat(r.cancelled()).isFalse();
        assertThat(r.chunksSent()).isZero();
        assertThat(r.bytesSent()).isPositive();
        assertThat(r.closedAtNanos()).isGreaterThanOrEqualTo(r.receivedAtNanos());
        assertThat(h.sim.stats().count()).isEqualTo(1);
        assertThat(h.sim.stats().last()).hasValueSatisfying(last -> assertThat(last.seq()).isEqualTo(1));
    }
}
