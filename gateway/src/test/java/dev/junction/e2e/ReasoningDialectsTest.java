package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.SseReader;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenRouter's {@code reasoning} through OpenAI-compatible upstreams of each reasoning dialect: what each upstream is
 * sent (the sim records the body it received), and the one shape — {@code reasoning} plus {@code reasoning_details} —
 * a client gets back from each, streamed and not, excluded when asked.
 */
class ReasoningDialectsTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            .withSim("OPENAI", SimOptions.defaults())
            .andSim("OPENROUTER", SimOptions.defaults().withDefaultScript(SimScript.empty().withReasoning("Two plus two.")
                    .withReply("Four.")))
            .andSim("VLLM", SimOptions.defaults().withDefaultScript(SimScript.empty().withReply("<think>Two plus two.</think> Four.")))
            .config("""
                    catalog: {bundled: false}
                    providers:
                      openai:     {name: OpenAI, base-url: "${OPENAI_URL}", reasoning-dialect: openai}
                      openrouter: {name: OpenRouter, base-url: "${OPENROUTER_URL}", reasoning-dialect: openrouter}
                      vllm:       {name: vLLM, base-url: "${VLLM_URL}", reasoning-dialect: vllm}
                      tags:       {name: Tags, base-url: "${VLLM_URL}", reasoning-dialect: think-tags}
                    models:
                      openai/o4-mini:
                        endpoints:
                          - {provider: openai, upstream-model: o4-mini,
                             supported-parameters: [max_tokens, max_completion_tokens, reasoning, include_reasoning, reasoning_effort]}
                      openrouter/thinker:
                        endpoints: [{provider: openrouter, upstream-model: thinker}]
                      qwen/qwen3-8b:
                        endpoints: [{provider: vllm, upstream-model: Qwen/Qwen3-8B}]
                      qwen/qwq-32b:
                        endpoints: [{provider: tags, upstream-model: qwq}]
                    """);

    private static final String ASK = "\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}]";

    private static JsonNode sentTo(String sim) {
        return gateway.sim(sim).stats().last().orElseThrow().body();
    }

    private static JsonNode post(String json) {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    /** The stream's chunks, [DONE] left out. */
    private static List<JsonNode> stream(String json) {
        HttpResponse<InputStream> response = gateway.postStreaming("/api/v1/chat/completions", json);
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> chunks = new ArrayList<>();
        try (SseReader reader = new SseReader(response.body())) {
            for (String data : reader.readAll()) {
                if (!data.equals("[DONE]")) {
                    chunks.add(Json.parse(data));
                }
            }
        }
        return chunks;
    }

    private static String joined(List<JsonNode> chunks, String field) {
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            for (JsonNode choice : chunk.path("choices")) {
                text.append(choice.path("delta").path(field).asString(""));
            }
        }
        return text.toString();
    }

    private static String joinedDetails(List<JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            for (JsonNode choice : chunk.path("choices")) {
                for (JsonNode detail : choice.path("delta").path("reasoning_details")) {
                    assertThat(detail.get("type").asString()).isEqualTo("reasoning.text");
                    text.append(detail.path("text").asString(""));
                }
            }
        }
        return text.toString();
    }

    // What each upstream is sent.

    @Test
    void openAiGetsReasoningEffortAndMaxCompletionTokens() {
        post("{\"model\":\"openai/o4-mini\"," + ASK + ",\"reasoning\":{\"effort\":\"high\"},\"max_tokens\":300}");
        JsonNode sent = sentTo("OPENAI");
        assertThat(sent.get("reasoning_effort").asString()).isEqualTo("high");
        assertThat(sent.get("max_completion_tokens").asInt()).isEqualTo(300);
        assertThat(sent.has("reasoning")).isFalse();
        assertThat(sent.has("max_tokens")).isFalse();

        post("{\"model\":\"openai/o4-mini\"," + ASK + ",\"reasoning\":{\"max_tokens\":3000}}");
        assertThat(sentTo("OPENAI").get("reasoning_effort").asString()).as("a budget becomes the effort it sizes to").isEqualTo("low");

        post("{\"model\":\"openai/o4-mini\"," + ASK + ",\"reasoning\":{\"enabled\":true}}");
        assertThat(sentTo("OPENAI").get("reasoning_effort").asString()).isEqualTo("medium");

        post("{\"model\":\"openai/o4-mini\"," + ASK + ",\"reasoning\":{\"exclude\":true}}");
        assertThat(sentTo("OPENAI").has("reasoning_effort")).as("exclude alone does not change how the model reasons").isFalse();
        assertThat(sentTo("OPENAI").has("reasoning")).isFalse();
    }

    @Test
    void openRouterGetsTheReasoningObjectUnchanged() {
        String reasoning = "{\"effort\":\"high\",\"max_tokens\":2000,\"exclude\":true,\"enabled\":true}";
        post("{\"model\":\"openrouter/thinker\"," + ASK + ",\"reasoning\":" + reasoning + ",\"max_tokens\":5000}");
        JsonNode sent = sentTo("OPENROUTER");
        assertThat(sent.get("reasoning")).isEqualTo(Json.parse(reasoning));
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(5000);
        assertThat(sent.has("reasoning_effort")).isFalse();
    }

    @Test
    void vllmGetsTheChatTemplateThinkingSwitch() {
        post("{\"model\":\"qwen/qwen3-8b\"," + ASK + ",\"reasoning\":{\"effort\":\"high\"}}");
        JsonNode sent = sentTo("VLLM");
        assertThat(sent.get("chat_template_kwargs")).isEqualTo(Json.parse("{\"enable_thinking\":true,\"thinking\":true}"));
        assertThat(sent.get("reasoning_effort").asString()).isEqualTo("high");
        assertThat(sent.has("reasoning")).isFalse();

        post("{\"model\":\"qwen/qwen3-8b\"," + ASK + ",\"reasoning\":{\"enabled\":false},\"max_tokens\":50}");
        sent = sentTo("VLLM");
        assertThat(sent.get("chat_template_kwargs")).isEqualTo(Json.parse("{\"enable_thinking\":false,\"thinking\":false}"));
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(50);

        post("{\"model\":\"qwen/qwen3-8b\"," + ASK + ",\"reasoning\":{\"max_tokens\":10000}}");
        assertThat(sentTo("VLLM").get("reasoning_effort").asString()).isEqualTo("medium");

        post("{\"model\":\"qwen/qwen3-8b\"," + ASK + ",\"reasoning\":{\"exclude\":true}}");
        assertThat(sentTo("VLLM").has("chat_template_kwargs")).isFalse();
        assertThat(sentTo("VLLM").has("reasoning")).isFalse();
    }

    // What a client gets back from each dialect.

    @Test
    void reasoningFromAnOpenRouterStyleUpstreamGetsItsDetails() {
        JsonNode message = post("{\"model\":\"openrouter/thinker\"," + ASK + "}").at("/choices/0/message");
        assertThat(message.get("reasoning").asString()).isEqualTo("Two plus two.");
        assertThat(message.at("/reasoning_details/0/text").asString()).isEqualTo("Two plus two.");
        assertThat(message.get("content").asString()).isEqualTo("Four.");

        List<JsonNode> chunks = stream("{\"model\":\"openrouter/thinker\"," + ASK + ",\"stream\":true}");
        assertThat(joined(chunks, "reasoning")).isEqualTo("Two plus two.");
        assertThat(joinedDetails(chunks)).isEqualTo("Two plus two.");
        assertThat(joined(chunks, "content")).isEqualTo("Four.");
    }

    @Test
    void reasoningContentFromAVllmStyleUpstreamBecomesReasoning() {
        ObjectNode whole = request("qwen/qwen3-8b", false);
        whole.putObject("sim").putArray("raw").add("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"Qwen/Qwen3-8B","choices":[{"index":0,
                 "message":{"role":"assistant","content":"Four.","reasoning_content":"Two plus two."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":9,"total_tokens":14}}""");
        JsonNode body = post(Json.text(whole));
        JsonNode message = body.at("/choices/0/message");
        assertThat(message.get("reasoning").asString()).isEqualTo("Two plus two.");
        assertThat(message.at("/reasoning_details/0/text").asString()).isEqualTo("Two plus two.");
        assertThat(message.has("reasoning_content")).isFalse();
        assertThat(body.at("/usage/completion_tokens_details/reasoning_tokens").asInt())
                .as("estimated from the text when the upstream does not count it").isEqualTo(4);

        List<JsonNode> chunks = stream(Json.text(vllmStream(false)));
        assertThat(joined(chunks, "reasoning")).isEqualTo("Two plus two.");
        assertThat(joinedDetails(chunks)).isEqualTo("Two plus two.");
        assertThat(joined(chunks, "reasoning_content")).isEmpty();
        assertThat(joined(chunks, "content")).isEqualTo("Four.");
    }

    @Test
    void thinkTagsBecomeReasoning() {
        JsonNode message = post("{\"model\":\"qwen/qwq-32b\"," + ASK + "}").at("/choices/0/message");
        assertThat(message.get("reasoning").asString()).isEqualTo("Two plus two.");
        assertThat(message.get("content").asString()).isEqualTo("Four.");

        List<JsonNode> chunks = stream("{\"model\":\"qwen/qwq-32b\"," + ASK + ",\"stream\":true}");
        assertThat(joined(chunks, "reasoning")).isEqualTo("Two plus two.");
        assertThat(joinedDetails(chunks)).isEqualTo("Two plus two.");
        assertThat(joined(chunks, "content")).isEqualTo("Four.");
    }

    @Test
    void excludedReasoningNeverReachesTheClient() {
        JsonNode message = post("{\"model\":\"openrouter/thinker\"," + ASK + ",\"reasoning\":{\"exclude\":true}}")
                .at("/choices/0/message");
        assertThat(message.has("reasoning")).isFalse();
        assertThat(message.has("reasoning_details")).isFalse();
        assertThat(message.get("content").asString()).isEqualTo("Four.");

        List<JsonNode> chunks = stream(Json.text(vllmStream(true)));
        assertThat(chunks).allSatisfy(chunk -> assertThat(Json.text(chunk)).doesNotContain("reasoning\"", "Two plus"));
        assertThat(joined(chunks, "content")).isEqualTo("Four.");
        assertThat(chunks.getLast().at("/usage/completion_tokens_details/reasoning_tokens").asInt())
                .as("excluded reasoning is still counted and billed").isEqualTo(4);

        chunks = stream("{\"model\":\"qwen/qwq-32b\"," + ASK + ",\"stream\":true,\"include_reasoning\":false}");
        assertThat(joined(chunks, "reasoning")).isEmpty();
        assertThat(joined(chunks, "content")).isEqualTo("Four.");
    }

    private static ObjectNode request(String model, boolean stream) {
        ObjectNode request = (ObjectNode) Json.parse("{\"model\":\"" + model + "\"," + ASK + "}");
        if (stream) {
            request.put("stream", true);
        }
        return request;
    }

    /** A streamed request whose upstream answers as vLLM's reasoning parser does, in {@code reasoning_content} deltas. */
    private static ObjectNode vllmStream(boolean exclude) {
        ObjectNode request = request("qwen/qwen3-8b", true);
        if (exclude) {
            request.putObject("reasoning").put("exclude", true);
        }
        String head = "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"Qwen/Qwen3-8B\",";
        var raw = request.putObject("sim").putArray("raw");
        raw.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        raw.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Two plus\"},\"finish_reason\":null}]}\n\n");
        raw.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\" two.\"},\"finish_reason\":null}]}\n\n");
        raw.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Four.\"},\"finish_reason\":null}]}\n\n");
        raw.add(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        raw.add(head + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9,\"total_tokens\":14}}\n\n");
        raw.add("data: [DONE]\n\n");
        return request;
    }
}
