package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The model-listing APIs of LM Studio and Ollama, and a verbatim {@code /v1/models} body. */
class LocalListingTest {
    private static final SimOptions OPTIONS = SimOptions.defaults()
            .withModels(List.of("qwen2.5-7b-instruct", "llama3.1:8b", "nomic-embed-text", "qwen2-vl-7b"))
            .withContextLength("qwen2.5-7b-instruct", 32768)
            .withContextLength("llama3.1:8b", 131072);

    @Test
    void lmStudioListsModelsWithTypeStateAndMaxContextLength() throws Exception {
        try (var h = SimHarness.start(OPTIONS)) {
            HttpResponse<String> response = h.get("/api/v0/models");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode list = SimHarness.json(response.body());
            assertThat(list.get("object").stringValue()).isEqualTo("list");
            JsonNode first = list.get("data").get(0);
            assertThat(first.get("id").stringValue()).isEqualTo("qwen2.5-7b-instruct");
            assertThat(first.get("object").stringValue()).isEqualTo("model");
            assertThat(first.get("type").stringValue()).isEqualTo("llm");
            assertThat(first.get("state").stringValue()).isEqualTo("loaded");
            assertThat(first.get("max_context_length").intValue()).isEqualTo(32768);
            assertThat(list.get("data").values().stream().map(m -> m.get("type").stringValue()))
                    .containsExactly("llm", "llm", "embeddings", "vlm");
            assertThat(list.get("data").get(2).get("max_context_length").intValue())
                    .isEqualTo(SimOptions.DEFAULT_CONTEXT_LENGTH);
            // The OpenAI-compatible list beside it names the same models.
            assertThat(SimHarness.json(h.get("/v1/models").body()).get("data").values().stream()
                    .map(m -> m.get("id").stringValue())).containsExactlyElementsOf(OPTIONS.models());
        }
    }

    @Test
    void ollamaTagsListEveryModelWithDetails() throws Exception {
        try (var h = SimHarness.start(OPTIONS)) {
            JsonNode tags = SimHarness.json(h.get("/api/tags").body());

            assertThat(tags.get("models").values().stream().map(m -> m.get("name").stringValue()))
                    .containsExactlyElementsOf(OPTIONS.models());
            JsonNode llama = tags.get("models").get(1);
            assertThat(llama.get("model").stringValue()).isEqualTo("llama3.1:8b");
            assertThat(llama.get("digest").stringValue()).hasSize(64);
            assertThat(llama.get("details").get("quantization_level").stringValue()).isEqualTo("Q4_K_M");
        }
    }

    @Test
    void ollamaShowReportsTheContextLengthUnderTheArchitecture() throws Exception {
        try (var h = SimHarness.start(OPTIONS)) {
            JsonNode show = SimHarness.json(h.post("/api/show", "{\"model\":\"llama3.1:8b\"}").body());

            JsonNode info = show.get("model_info");
            String arch = info.get("general.architecture").stringValue();
            assertThat(info.get(arch + ".context_length").intValue()).isEqualTo(131072);
            assertThat(show.get("capabilities").values().stream().map(JsonNode::stringValue)).containsExactly("completion");

            // Older clients send "name" instead of "model".
            JsonNode byName = SimHarness.json(h.post("/api/show", "{\"name\":\"qwen2-vl-7b\"}").body());
            assertThat(byName.get("capabilities").values().stream().map(JsonNode::stringValue))
                    .containsExactly("completion", "vision");
            assertThat(byName.get("model_info").get(arch + ".context_length").intValue())
                    .isEqualTo(SimOptions.DEFAULT_CONTEXT_LENGTH);
        }
    }

    @Test
    void ollamaShowAnswersErrorsInOllamasShape() throws Exception {
        try (var h = SimHarness.start(OPTIONS)) {
            HttpResponse<String> unknown = h.post("/api/show", "{\"model\":\"nope:1b\"}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(SimHarness.json(unknown.body()).get("error").stringValue()).isEqualTo("model 'nope:1b' not found");

            HttpResponse<String> missing = h.post("/api/show", "{}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(SimHarness.json(missing.body()).get("error").stringValue()).isEqualTo("model is required");
        }
    }

    @Test
    void modelsBodyIsServedVerbatim() throws Exception {
        String body = "{\"data\":[{\"id\":\"openai/gpt-4o-mini\",\"pricing\":{\"prompt\":\"0.00000015\",\"completion\":\"0.0000006\"}}]}";
        try (var h = SimHarness.start(SimOptions.defaults().withModelsBody(body))) {
            HttpResponse<String> response = h.get("/v1/models");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            assertThat(response.body()).isEqualTo(body);
            assertThat(h.sim.options().toString()).contains("modelsBody=Optional[" + body.length() + " chars]");
        }
    }
}
