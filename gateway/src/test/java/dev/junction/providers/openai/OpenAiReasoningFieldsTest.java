package dev.junction.providers.openai;

import dev.junction.catalog.Catalog;
import dev.junction.catalog.Endpoint;
import dev.junction.config.ConfigLoader;
import dev.junction.wire.ApiKind;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenRouter's reasoning request in each OpenAI-compatible dialect, as the upstream receives it. */
class OpenAiReasoningFieldsTest {
    private static final Catalog CATALOG = Catalog.from(new ConfigLoader(Map.of()).parse("""
            providers:
              openai:     {base-url: "https://api.openai.com/v1"}
              openrouter: {base-url: "https://openrouter.ai/api/v1"}
              groq:       {base-url: "https://api.groq.com/openai/v1"}
              deepseek:   {base-url: "https://api.deepseek.com/v1"}
              vllm:       {base-url: "http://127.0.0.1:8000/v1", reasoning-dialect: vllm}
              local:      {base-url: "http://127.0.0.1:8001/v1"}
            models:
              a/reasoner:
                endpoints:
                  - {provider: openai, upstream-model: o4-mini, supported-parameters: [max_tokens, reasoning]}
                  - {provider: openrouter, upstream-model: openai/o4-mini}
                  - {provider: groq, upstream-model: qwen3, supported-parameters: [reasoning_effort]}
                  - {provider: deepseek, upstream-model: deepseek-chat, supported-parameters: [reasoning]}
                  - {provider: vllm, upstream-model: Qwen/Qwen3-8B}
                  - {provider: local, upstream-model: anything}
              a/plain:
                endpoints:
                  - {provider: openai, upstream-model: gpt-4o, supported-parameters: [max_tokens]}
            """, "test"));

    private static Endpoint endpoint(String model, String provider) {
        return CATALOG.model(model).orElseThrow().endpoints().stream()
                .filter(e -> e.provider().id().equals(provider)).findFirst().orElseThrow();
    }

    private static JsonNode upstream(String provider, String clientJson) {
        return upstream("a/reasoner", provider, clientJson);
    }

    private static JsonNode upstream(String model, String provider, String clientJson) {
        ObjectNode client = (ObjectNode) Json.parse(clientJson);
        ObjectNode body = OpenAiUpstreamBody.build(client, endpoint(model, provider), ApiKind.CHAT, false);
        body.remove("model");
        return body;
    }

    @ParameterizedTest(name = "{0} → reasoning_effort {1}")
    @CsvSource({
            "'{\"reasoning\":{\"effort\":\"high\"}}', high",
            "'{\"reasoning\":{\"effort\":\"minimal\"}}', minimal",
            "'{\"reasoning\":{\"effort\":\"xhigh\"}}', high",
            "'{\"reasoning\":{\"max_tokens\":30000}}', high",
            "'{\"reasoning\":{\"max_tokens\":10000}}', medium",
            "'{\"reasoning\":{\"max_tokens\":3000}}', low",
            "'{\"reasoning\":{\"enabled\":true}}', medium",
            "'{\"reasoning\":{}}', medium",
            "'{\"reasoning\":{\"enabled\":false}}', none",
            "'{\"reasoning\":{\"effort\":\"none\"}}', none",
            "'{\"reasoning_effort\":\"low\"}', low",
            "'{\"include_reasoning\":true}', medium"
    })
    void openAiGetsReasoningEffortInsteadOfTheObject(String client, String effort) {
        JsonNode body = upstream("openai", client);
        assertThat(Json.text(body)).isEqualTo("{\"reasoning_effort\":\"" + effort + "\"}");
    }

    @Test
    void openAiGetsMaxCompletionTokensForMaxTokens() {
        assertThat(Json.text(upstream("openai", "{\"max_tokens\":100,\"reasoning\":{\"effort\":\"low\"}}")))
                .isEqualTo("{\"max_completion_tokens\":100,\"reasoning_effort\":\"low\"}");
        assertThat(Json.text(upstream("openai", "{\"max_tokens\":100,\"max_completion_tokens\":50}")))
                .as("the client's own max_completion_tokens wins").isEqualTo("{\"max_completion_tokens\":50}");
    }

    @Test
    void excludeAloneChangesNothingUpstreamButIsNotSentToOpenAi() {
        assertThat(Json.text(upstream("openai", "{\"reasoning\":{\"exclude\":true},\"temperature\":1}")))
                .isEqualTo("{\"temperature\":1}");
    }

    @Test
    void excludeWithAnEffortStillAsksForTheEffort() {
        assertThat(Json.text(upstream("openai", "{\"reasoning\":{\"effort\":\"high\",\"exclude\":true}}")))
                .isEqualTo("{\"reasoning_effort\":\"high\"}");
    }

    @Test
    void anEndpointThatDoesNotReasonGetsNoReasoningField() {
        assertThat(Json.text(upstream("a/plain", "openai", "{\"reasoning\":{\"effort\":\"high\"},\"max_tokens\":5}")))
                .isEqualTo("{\"max_completion_tokens\":5}");
    }

    @Test
    void openRouterGetsTheRequestUnchanged() {
        String client = "{\"reasoning\":{\"effort\":\"high\",\"max_tokens\":100,\"exclude\":true,\"enabled\":true},"
                + "\"max_tokens\":500,\"include_reasoning\":true}";
        assertThat(upstream("openrouter", client)).isEqualTo(Json.parse(client));
        assertThat(upstream("local", client)).as("an unrecognised server gets the fields as sent").isEqualTo(Json.parse(client));
    }

    @Test
    void hostedEffortApisGetThreeLevels() {
        assertThat(Json.text(upstream("groq", "{\"reasoning\":{\"effort\":\"minimal\"},\"max_tokens\":9}")))
                .isEqualTo("{\"max_tokens\":9,\"reasoning_effort\":\"low\"}");
        assertThat(Json.text(upstream("groq", "{\"reasoning\":{\"enabled\":false}}"))).isEqualTo("{\"reasoning_effort\":\"none\"}");
    }

    @Test
    void deepSeekGetsItsThinkingSwitch() {
        assertThat(Json.text(upstream("deepseek", "{\"reasoning\":{\"enabled\":true}}")))
                .isEqualTo("{\"thinking\":{\"type\":\"enabled\"}}");
        assertThat(Json.text(upstream("deepseek", "{\"reasoning\":{\"effort\":\"xhigh\"}}")))
                .isEqualTo("{\"thinking\":{\"type\":\"enabled\"},\"reasoning_effort\":\"xhigh\"}");
        assertThat(Json.text(upstream("deepseek", "{\"reasoning\":{\"effort\":\"none\"}}")))
                .isEqualTo("{\"thinking\":{\"type\":\"disabled\"}}");
    }

    @Test
    void deepSeekGetsEarlierReasoningBackAsReasoningContent() {
        JsonNode body = upstream("deepseek", """
                {"messages":[{"role":"user","content":"weather?"},
                  {"role":"assistant","content":null,"reasoning":"I should call the tool.",
                   "reasoning_details":[{"type":"reasoning.text","text":"I should call the tool.","format":"unknown"}],
                   "tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":"sunny"}]}""");
        assertThat(body.at("/messages/1")).isEqualTo(Json.parse("""
                {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{}"}}],
                 "reasoning_content":"I should call the tool."}"""));
        assertThat(body.at("/messages/2/content").asString()).isEqualTo("sunny");
        assertThat(upstream("vllm", "{\"messages\":[{\"role\":\"assistant\",\"reasoning\":\"r\"}]}").at("/messages/0/reasoning").asString())
                .as("other dialects get the messages as sent").isEqualTo("r");
    }

    @Test
    void vllmGetsTheChatTemplateSwitchMergedUnderTheClientsOwnKwargs() {
        assertThat(Json.text(upstream("vllm", "{\"reasoning\":{\"max_tokens\":4000}}")))
                .isEqualTo("{\"chat_template_kwargs\":{\"enable_thinking\":true,\"thinking\":true},\"reasoning_effort\":\"low\"}");
        assertThat(Json.text(upstream("vllm", "{\"reasoning\":{\"enabled\":false},\"chat_template_kwargs\":{\"custom\":1,\"thinking\":true}}")))
                .isEqualTo("{\"chat_template_kwargs\":{\"enable_thinking\":false,\"thinking\":true,\"custom\":1}}");
        assertThat(Json.text(upstream("vllm", "{\"reasoning\":{\"enabled\":true}}")))
                .isEqualTo("{\"chat_template_kwargs\":{\"enable_thinking\":true,\"thinking\":true}}");
    }

    @Test
    void legacyCompletionsGoAsTheClientSentThem() {
        ObjectNode client = (ObjectNode) Json.parse("{\"prompt\":\"x\",\"max_tokens\":5,\"reasoning\":{\"effort\":\"high\"}}");
        ObjectNode body = OpenAiUpstreamBody.build(client, endpoint("a/reasoner", "vllm"), ApiKind.COMPLETION, false);
        body.remove("model");
        assertThat(body).isEqualTo(client);
    }

    @Test
    void aRequestWithoutReasoningIsLeftAlone() {
        for (String provider : new String[] {"groq", "deepseek", "vllm"}) {
            assertThat(Json.text(upstream(provider, "{\"max_tokens\":10,\"temperature\":0}")))
                    .isEqualTo("{\"max_tokens\":10,\"temperature\":0}");
        }
    }
}
