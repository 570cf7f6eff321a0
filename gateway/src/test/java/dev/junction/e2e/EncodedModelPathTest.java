package dev.junction.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.models.Model;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model id in a path with its slash encoded ({@code openai%2Fgpt-4o-mini}), as OpenAI's SDKs send it for
 * {@code models.retrieve}, reaches the model wherever a path names one.
 */
class EncodedModelPathTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      openai/gpt-4o-mini:
                        name: "GPT-4o-mini"
                        created: 1721260800
                        endpoints:
                          - provider: sim
                            upstream-model: gpt-4o-mini
                            pricing: {prompt: "0.00000015", completion: "0.0000006"}
                    """);

    @Test
    void theOpenAiSdkRetrievesAModelByItsId() {
        for (String base : new String[] {"/api/v1", "/v1"}) {
            OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(gateway.key()).baseUrl(gateway.url(base))
                    .maxRetries(0).build();
            try {
                Model model = client.models().retrieve("openai/gpt-4o-mini");
                assertThat(model.id()).as(base).isEqualTo("openai/gpt-4o-mini");
                assertThat(model.created()).isEqualTo(1721260800L);
                assertThat(model.ownedBy()).isEqualTo("openai");
                assertThatThrownBy(() -> client.models().retrieve("openai/nothing").id())
                        .isInstanceOf(NotFoundException.class).hasMessageContaining("openai/nothing does not exist");
            } finally {
                client.close();
            }
        }
    }

    @Test
    void everyPathThatNamesAModelTakesTheEncodedSlash() {
        JsonNode model = ok("/api/v1/models/openai%2Fgpt-4o-mini");
        assertThat(model.get("data").get("id").asString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(ok("/api/v1/model/openai%2Fgpt-4o-mini").get("id").asString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(ok("/api/v1/models/openai%2fgpt-4o-mini").get("id").asString()).as("lower-case escape")
                .isEqualTo("openai/gpt-4o-mini");

        JsonNode endpoints = ok("/api/v1/models/openai%2Fgpt-4o-mini/endpoints").get("data");
        assertThat(endpoints.get("id").asString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(endpoints.get("endpoints").get(0).get("provider_name").asString()).isEqualTo("Sim");

        JsonNode parameters = ok("/api/v1/parameters/openai%2Fgpt-4o-mini").get("data");
        assertThat(parameters.get("model").asString()).isEqualTo("openai/gpt-4o-mini");

        // The two-segment form stays as it was.
        assertThat(ok("/api/v1/models/openai/gpt-4o-mini/endpoints").get("data").get("id").asString())
                .isEqualTo("openai/gpt-4o-mini");
        assertThat(ok("/api/v1/models/openai/gpt-4o-mini").get("data").get("id").asString())
                .isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void anUnknownModelIsNotFound() {
        HttpResponse<String> unknown = gateway.get("/api/v1/models/openai%2Fnothing/endpoints");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.parse(unknown.body()).get("error").get("message").asString())
                .isEqualTo("Model openai/nothing does not exist");
    }

    private static JsonNode ok(String path) {
        HttpResponse<String> response = gateway.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }
}
