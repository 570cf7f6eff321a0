package dev.junction.e2e;

import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code openrouter/auto}: listed in {@code /models} when rules are configured, choosing by the rules within the
 * request's {@code allowed_models}, and saying which model it chose and why.
 */
class AutoRouterTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      openai/gpt-4o-mini:
                        context-length: 128000
                        endpoints: [{provider: sim, upstream-model: mini, pricing: {prompt: "0.00000015", completion: "0.0000006"}}]
                      openai/gpt-4.1-mini:
                        endpoints: [{provider: sim, upstream-model: agent, pricing: {prompt: "0.0000004", completion: "0.0000016"}}]
                      anthropic/claude-haiku-4.5:
                        input-modalities: [text, image]
                        endpoints: [{provider: sim, upstream-model: haiku, pricing: {prompt: "0.000001", completion: "0.000005"}}]
                      anthropic/claude-sonnet-4.5:
                        endpoints: [{provider: sim, upstream-model: sonnet, pricing: {prompt: "0.000003", completion: "0.000015"}}]
                    auto-router:
                      default-model: openai/gpt-4o-mini
                      rules:
                        - {name: agents, tools: true, model: openai/gpt-4.1-mini}
                        - {name: vision, input-modalities: [image], model: anthropic/claude-haiku-4.5}
                    """);

    private static final String TOOLS = """
            "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]""";

    private static HttpResponse<String> ask(String extra) {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions",
                "{\"model\":\"openrouter/auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String model(HttpResponse<String> response) {
        return Json.parse(response.body()).get("model").asString();
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    @Test
    void theAutoRouterIsListedWithTheModelsItMayChoose() {
        JsonNode list = Json.parse(gateway.get("/api/v1/models").body()).get("data");
        List<String> ids = new ArrayList<>();
        list.forEach(m -> ids.add(m.get("id").asString()));
        assertThat(ids).contains("openrouter/auto");
        JsonNode auto = Json.parse(gateway.get("/api/v1/model/openrouter/auto").body()).get("data");
        assertThat(auto.get("name").asString()).isEqualTo("Auto Router");
        assertThat(auto.at("/pricing/prompt").asString()).isEqualTo("-1");
        assertThat(auto.get("description").asString()).contains("openai/gpt-4.1-mini", "anthropic/claude-haiku-4.5",
                "openai/gpt-4o-mini");
        assertThat(auto.at("/architecture/input_modalities").toString()).contains("image");
    }

    @Test
    void theAnswerSaysWhichModelTheRulesChoseAndWhy() {
        HttpResponse<String> byDefault = ask("");
        assertThat(model(byDefault)).isEqualTo("openai/gpt-4o-mini");
        assertThat(header(byDefault, "X-Junction-Auto-Route")).isEqualTo("default");
        assertThat(header(byDefault, "X-Junction-Auto-Route-Reason")).isEqualTo("no rule matched: the default model");

        HttpResponse<String> agents = ask("," + TOOLS);
        assertThat(model(agents)).isEqualTo("openai/gpt-4.1-mini");
        assertThat(header(agents, "X-Junction-Auto-Route")).isEqualTo("agents");
        assertThat(header(agents, "X-Junction-Auto-Route-Model")).isEqualTo("openai/gpt-4.1-mini");
        assertThat(header(agents, "X-Junction-Auto-Route-Reason")).isEqualTo("rule 'agents' matched: the request defines tools");
    }

    @Test
    void allowedModelsLimitsTheChoice() {
        HttpResponse<String> skipped = ask("," + TOOLS + ",\"plugins\":[{\"id\":\"auto-router\",\"allowed_models\":[\"openai/gpt-4o-*\"]}]");
        assertThat(model(skipped)).as("the agents rule names a model allowed_models rules out").isEqualTo("openai/gpt-4o-mini");
        assertThat(header(skipped, "X-Junction-Auto-Route-Reason")).contains("allowed_models");

        HttpResponse<String> onlyAnthropic = ask(",\"plugins\":[{\"id\":\"auto-router\",\"allowed_models\":[\"anthropic/*\"],"
                + "\"excluded_models\":[\"anthropic/claude-haiku-4.5\"]}]");
        assertThat(model(onlyAnthropic)).as("no configured model is allowed: the first available one that is")
                .isEqualTo("anthropic/claude-sonnet-4.5");
        assertThat(header(onlyAnthropic, "X-Junction-Auto-Route")).isEqualTo("allowed_models");
        assertThat(gateway.sim().stats().last().orElseThrow().model()).isEqualTo("sonnet");

        HttpResponse<String> none = gateway.post("/api/v1/chat/completions", """
                {"model":"openrouter/auto","messages":[{"role":"user","content":"hi"}],
                 "plugins":[{"id":"auto-router","allowed_models":["mistral/*"]}]}""");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(Json.parse(none.body()).at("/error/message").asString()).contains("allowed_models");
    }
}
