package dev.junction.e2e;

import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The /models family answers in the SDK's shapes, filters as documented and shows live endpoint health. */
class CatalogEndpointsTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim:
                        name: Sim
                        base-url: ${SIM_URL}
                        data-policy: {training: false, retains-prompts: false}
                        supported-parameters: [temperature, tools, tool_choice, max_tokens]
                      keeper:
                        name: Keeper
                        base-url: ${SIM_URL}
                        data-policy: {training: false, retains-prompts: true, retention-days: 30}
                        supported-parameters: [temperature]
                      locked:
                        name: Locked
                        base-url: ${SIM_URL}
                        api-key-env: CATALOG_TEST_UNSET
                    models:
                      acme/writer:
                        name: "Acme: Writer"
                        description: Writes things.
                        created: 1735689600
                        context-length: 65536
                        input-modalities: [text, image]
                        categories: [marketing]
                        default-parameters: {temperature: 0.7}
                        endpoints:
                          - {provider: sim, upstream-model: w, quantization: fp8, max-completion-tokens: 8192,
                             pricing: {prompt: "0.000001", completion: "0.000004", input-cache-read: "0.0000001"}}
                          - {provider: keeper, upstream-model: w2, pricing: {prompt: "0.000003", completion: "0.000006"}}
                      acme/coder:
                        created: 1700000000
                        categories: [programming]
                        endpoints:
                          - {provider: keeper, upstream-model: c, pricing: {prompt: "0.0000005", completion: "0.000001"}}
                      acme/embedder:
                        output-modalities: [embeddings]
                        endpoints: [{provider: sim, upstream-model: e}]
                      acme/hidden:
                        endpoints: [{provider: locked, upstream-model: h}]
                    """);

    private static JsonNode getJson(String path) {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return Json.parse(response.body());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(m -> ids.add(m.get("id").asString()));
        return ids;
    }

    @Test
    void modelsListsRoutableTextModelsInTheSdkShape() {
        JsonNode body = getJson("/api/v1/models");
        assertThat(ids(body)).containsExactly("acme/writer", "acme/coder");
        assertThat(body.get("total_count").asInt()).isEqualTo(2);
        assertThat(body.get("links").get("next").isNull()).isTrue();
        JsonNode writer = body.get("data").get(0);
        for (String key : List.of("id", "canonical_slug", "name", "created", "context_length", "architecture", "pricing",
                "top_provider", "per_request_limits", "supported_parameters", "default_parameters", "links", "supported_voices")) {
            assertThat(writer.has(key)).as(key).isTrue();
        }
        assertThat(writer.get("architecture").get("modality").asString()).isEqualTo("text+image->text");
        assertThat(writer.get("pricing").get("prompt").asString()).isEqualTo("0.000001");
        assertThat(writer.get("pricing").get("input_cache_read").asString()).isEqualTo("0.0000001");
        assertThat(writer.get("top_provider").get("max_completion_tokens").asInt()).isEqualTo(8192);
        assertThat(writer.get("default_parameters").get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(writer.get("links").get("details").asString()).isEqualTo("/api/v1/models/acme/writer/endpoints");
    }

    @Test
    void modelsFilterAndSortAndPage() {
        assertThat(ids(getJson("/api/v1/models?category=programming"))).containsExactly("acme/coder");
        assertThat(ids(getJson("/api/v1/models?input_modalities=image"))).containsExactly("acme/writer");
        assertThat(ids(getJson("/api/v1/models?supported_parameters=tools,temperature"))).containsExactly("acme/writer");
        assertThat(ids(getJson("/api/v1/models?output_modalities=all"))).containsExactly("acme/writer", "acme/coder", "acme/embedder");
        assertThat(ids(getJson("/api/v1/models?sort=pricing-low-to-high"))).containsExactly("acme/coder", "acme/writer");
        assertThat(ids(getJson("/api/v1/models?sort=newest"))).containsExactly("acme/writer", "acme/coder");
        assertThat(ids(getJson("/api/v1/models?q=writes"))).containsExactly("acme/writer");
        assertThat(ids(getJson("/api/v1/models?zdr=true"))).containsExactly("acme/writer");
        JsonNode page = getJson("/api/v1/models?limit=1");
        assertThat(ids(page)).containsExactly("acme/writer");
        assertThat(page.get("links").get("next").asString()).isEqualTo("/api/v1/models?offset=1&limit=1");
        assertThat(ids(getJson("/api/v1/models?include_unavailable=true&output_modalities=all"))).contains("acme/hidden");
    }

    @Test
    void countUserEmbeddingsAndSingleModel() {
        assertThat(getJson("/api/v1/models/count").get("data").get("count").asInt()).isEqualTo(2);
        assertThat(ids(getJson("/api/v1/models/embeddings"))).containsExactly("acme/embedder");
        assertThat(ids(getJson("/api/v1/embeddings/models"))).containsExactly("acme/embedder");
        assertThat(getJson("/api/v1/model/acme/coder").get("data").get("id").asString()).isEqualTo("acme/coder");
        HttpResponse<String> anonymous = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/models/user"))).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(ids(Json.parse(gateway.get("/api/v1/models/user").body()))).containsExactly("acme/writer", "acme/coder");
    }

    @Test
    void endpointsShowPricesPoliciesAndLiveHealth() {
        gateway.post("/api/v1/chat/completions", """
                {"model":"acme/writer","messages":[{"role":"user","content":"hi"}],"provider":{"order":["sim"]}}""");
        JsonNode data = getJson("/api/v1/models/acme/writer/endpoints").get("data");
        assertThat(data.get("id").asString()).isEqualTo("acme/writer");
        assertThat(data.get("architecture").has("tokenizer")).isTrue();
        assertThat(data.get("architecture").has("instruct_type")).isTrue();
        JsonNode sim = data.get("endpoints").get(0);
        assertThat(sim.get("provider_name").asString()).isEqualTo("Sim");
        assertThat(sim.get("tag").asString()).isEqualTo("sim");
        assertThat(sim.get("quantization").asString()).isEqualTo("fp8");
        assertThat(sim.get("supports_tool_choice").get("auto").asBoolean()).isTrue();
        assertThat(sim.get("uptime_last_30m").asDouble()).isEqualTo(100.0);
        assertThat(sim.get("latency_last_30m").get("p50").isNumber()).isTrue();
        assertThat(sim.get("data_policy").get("zero_data_retention").asBoolean()).isTrue();
        JsonNode keeper = data.get("endpoints").get(1);
        assertThat(keeper.get("latency_last_30m").isNull()).isTrue();
        assertThat(keeper.get("data_policy").get("retention_days").asInt()).isEqualTo(30);
    }

    @Test
    void parametersProvidersAndZdr() {
        JsonNode params = getJson("/api/v1/parameters/acme/writer?provider=Sim").get("data");
        assertThat(params.get("model").asString()).isEqualTo("acme/writer");
        assertThat(params.get("supported_parameters").toString()).contains("tools").contains("temperature");
        List<String> providers = new ArrayList<>();
        getJson("/api/v1/providers").get("data").forEach(p -> providers.add(p.get("slug").asString()));
        assertThat(providers).containsExactlyInAnyOrder("sim", "keeper", "locked");
        JsonNode zdr = getJson("/api/v1/endpoints/zdr").get("data");
        assertThat(zdr).allSatisfy(e -> assertThat(e.get("provider_name").asString()).isEqualTo("Sim"));
        assertThat(zdr).hasSize(2);
    }

    @Test
    void unknownModelsAndProvidersAre404() {
        HttpResponse<String> model = gateway.get("/api/v1/models/acme/nothing/endpoints");
        assertThat(model.statusCode()).isEqualTo(404);
        assertThat(Json.parse(model.body()).get("error").get("message").asString()).contains("acme/nothing does not exist");
        assertThat(gateway.get("/api/v1/parameters/acme/writer?provider=nobody").statusCode()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/models?sort=sideways").statusCode()).isEqualTo(400);
    }

    @Test
    void rssFeedListsTheModels() {
        HttpResponse<String> rss = gateway.get("/api/v1/models?use_rss=true&use_rss_chat_links=true");
        assertThat(rss.statusCode()).isEqualTo(200);
        assertThat(rss.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/rss+xml"));
        assertThat(rss.body()).contains("<rss version=\"2.0\">").contains("<title>Acme: Writer</title>")
                .contains("/chat?models=acme/writer").contains("<pubDate>Wed, 1 Jan 2025 00:00:00 GMT</pubDate>");
    }
}
