package dev.junction.e2e;

import dev.junction.catalog.Catalog;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import dev.junction.catalog.discovery.CatalogRefresher;
import dev.junction.catalog.discovery.RefreshReport;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimServer;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery against simulated LM Studio, Ollama and OpenRouter servers over real HTTP: what they list becomes
 * routable, and a chat request for a discovered model reaches the server that listed it, under its own name.
 */
class DiscoveryEndToEndTest {
    private final Sims sims = new Sims();
    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        sims.close();
    }

    private RefreshReport refresh() {
        CatalogRefresher refresher = gateway.junction().catalogRefresher();
        // The refresh at start runs in the background; wait for it so that it cannot interleave with the test.
        refresher.initialRefresh().orTimeout(30, TimeUnit.SECONDS).join();
        return refresher.refresh();
    }

    private Catalog catalog() {
        return gateway.junction().services().catalogs().current();
    }

    private static String chat(String model) {
        return """
                {"model":"%s","messages":[{"role":"user","content":"hello local model"}]}""".formatted(model);
    }

    @Test
    void lmStudioAndOllamaModelsBecomeRoutableAndServeChat() {
        SimServer lmstudio = sims.start(SimOptions.defaults()
                .withModels(List.of("qwen2.5-7b-instruct", "openai/gpt-oss-20b", "text-embedding-nomic-embed-text-v1.5"))
                .withContextLength("qwen2.5-7b-instruct", 32768));
        SimServer ollama = sims.start(SimOptions.defaults()
                .withModels(List.of("llama3.1:8b", "llava:7b-vision"))
                .withContextLength("llama3.1:8b", 131072));
        // The bundled catalog is on: LM Studio's "openai/gpt-oss-20b" joins the bundled model of that id.
        gateway = TestGateway.start("""
                providers:
                  lmstudio: {name: LM Studio, base-url: "${LMSTUDIO_URL}", discovery: lmstudio}
                  ollama: {name: Ollama, base-url: "${OLLAMA_URL}", discovery: ollama}
                """, Map.of("LMSTUDIO_URL", lmstudio.baseUrl(), "OLLAMA_URL", ollama.baseUrl()));

        RefreshReport report = refresh();

        assertThat(report.discoveryErrors()).isEmpty();
        Model qwen = catalog().model("lmstudio/qwen2.5-7b-instruct").orElseThrow();
        assertThat(qwen.contextLength()).isEqualTo(32768);
        assertThat(qwen.routableEndpoints()).singleElement()
                .satisfies(e -> assertThat(e.provider().id()).isEqualTo("lmstudio"));
        assertThat(catalog().model("lmstudio/text-embedding-nomic-embed-text-v1.5").orElseThrow().isEmbeddingModel()).isTrue();
        Model llama = catalog().model("ollama/llama3.1:8b").orElseThrow();
        assertThat(llama.contextLength()).isEqualTo(131072);
        assertThat(llama.routableEndpoints()).extracting(Endpoint::quantization).containsExactly(java.util.Optional.of("int4"));
        assertThat(catalog().model("ollama/llava:7b-vision").orElseThrow().architecture().inputModalities())
                .containsExactly("text", "image");
        Model gptOss = catalog().model("openai/gpt-oss-20b").orElseThrow();
        assertThat(gptOss.name()).isEqualTo("OpenAI: gpt-oss-20b");
        assertThat(gptOss.routableEndpoints()).extracting(e -> e.provider().id()).containsExactly("lmstudio");
        // Ollama was asked about each model it listed.
        assertThat(ollama.stats().requests()).extracting(SimRequestRecord::path).contains("/api/tags", "/api/show");
        assertThat(lmstudio.stats().requests()).extracting(SimRequestRecord::path).contains("/v1/models", "/api/v0/models");

        HttpResponse<String> viaOllama = gateway.post("/api/v1/chat/completions", chat("ollama/llama3.1:8b"));
        assertThat(viaOllama.statusCode()).isEqualTo(200);
        JsonNode body = Json.parse(viaOllama.body());
        assertThat(body.get("model").asString()).isEqualTo("ollama/llama3.1:8b");
        assertThat(body.get("provider").asString()).isEqualTo("Ollama");
        assertThat(body.get("choices").get(0).get("message").get("content").asString()).isEqualTo("hello local model");
        assertThat(ollama.stats().last().orElseThrow().model()).isEqualTo("llama3.1:8b");

        HttpResponse<String> viaLmStudio = gateway.post("/api/v1/chat/completions", chat("lmstudio/qwen2.5-7b-instruct"));
        assertThat(viaLmStudio.statusCode()).isEqualTo(200);
        assertThat(Json.parse(viaLmStudio.body()).get("provider").asString()).isEqualTo("LM Studio");
        assertThat(lmstudio.stats().last().orElseThrow().model()).isEqualTo("qwen2.5-7b-instruct");

        HttpResponse<String> bundledId = gateway.post("/api/v1/chat/completions", chat("openai/gpt-oss-20b"));
        assertThat(bundledId.statusCode()).isEqualTo(200);
        assertThat(lmstudio.stats().last().orElseThrow().model()).isEqualTo("openai/gpt-oss-20b");
        // Local models cost nothing.
        assertThat(Json.parse(bundledId.body()).get("usage").get("cost").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void discoveredEmbeddingModelsAreListedApartAndServeEmbeddings() {
        SimServer lmstudio = sims.start(SimOptions.defaults()
                .withModels(List.of("qwen2.5-7b-instruct", "text-embedding-nomic-embed-text-v1.5")));
        SimServer ollama = sims.start(SimOptions.defaults().withModels(List.of("llama3.1:8b", "nomic-embed-text")));
        gateway = TestGateway.start("""
                catalog: {bundled: false}
                providers:
                  lmstudio: {name: LM Studio, base-url: "${LMSTUDIO_URL}", discovery: lmstudio}
                  ollama: {name: Ollama, base-url: "${OLLAMA_URL}", discovery: ollama}
                """, Map.of("LMSTUDIO_URL", lmstudio.baseUrl(), "OLLAMA_URL", ollama.baseUrl()));
        refresh();

        JsonNode embeddingModels = Json.parse(gateway.get("/api/v1/embeddings/models").body()).get("data");
        assertThat(embeddingModels).extracting(m -> m.get("id").asString())
                .containsExactlyInAnyOrder("lmstudio/text-embedding-nomic-embed-text-v1.5", "ollama/nomic-embed-text");
        JsonNode chatModels = Json.parse(gateway.get("/api/v1/models").body()).get("data");
        assertThat(chatModels).extracting(m -> m.get("id").asString())
                .containsExactlyInAnyOrder("lmstudio/qwen2.5-7b-instruct", "ollama/llama3.1:8b");

        for (String model : List.of("ollama/nomic-embed-text", "lmstudio/text-embedding-nomic-embed-text-v1.5")) {
            HttpResponse<String> embedded = gateway.post("/api/v1/embeddings", """
                    {"model":"%s","input":["local vectors"]}""".formatted(model));
            assertThat(embedded.statusCode()).as(embedded.body()).isEqualTo(200);
            assertThat(Json.parse(embedded.body()).get("data").get(0).get("embedding")).hasSize(64);
        }
        assertThat(ollama.stats().last().orElseThrow().path()).isEqualTo("/v1/embeddings");
        assertThat(ollama.stats().last().orElseThrow().model()).isEqualTo("nomic-embed-text");
        assertThat(gateway.post("/api/v1/chat/completions", chat("ollama/nomic-embed-text")).statusCode()).isEqualTo(400);
    }

    @Test
    void aFailingDiscoverySourceKeepsThePreviousCatalog() {
        SimServer ollama = sims.start(SimOptions.defaults().withModels(List.of("llama3.1:8b")));
        gateway = TestGateway.start("""
                catalog: {bundled: false}
                providers:
                  ollama: {name: Ollama, base-url: "${OLLAMA_URL}", discovery: ollama}
                """, Map.of("OLLAMA_URL", ollama.baseUrl()));
        refresh();
        Catalog before = catalog();
        assertThat(before.model("ollama/llama3.1:8b")).isPresent();

        ollama.close().await();
        RefreshReport report = refresh();

        assertThat(report.discoveryErrors()).containsOnlyKeys("ollama");
        assertThat(report.discoveryErrors().get("ollama")).startsWith("ollama: GET http://127.0.0.1:");
        assertThat(report.catalogChanged()).isFalse();
        assertThat(catalog()).isSameAs(before);
        assertThat(catalog().model("ollama/llama3.1:8b").orElseThrow().routableEndpoints()).hasSize(1);
    }

    @Test
    void openRoutersLiveListUpdatesBundledPricesAndAddsModels() {
        SimServer openrouter = sims.start(SimOptions.defaults()
                .withRequiredApiKey("sk-or-test")
                .withModelsBody("""
                        {"data":[
                          {"id":"openai/gpt-4o-mini","name":"OpenAI: GPT-4o-mini","context_length":128000,
                           "pricing":{"prompt":"0.000001","completion":"0.000002","internal_reasoning":"0"},
                           "top_provider":{"context_length":128000,"max_completion_tokens":16384,"is_moderated":true},
                           "supported_parameters":["max_tokens","temperature"]},
                          {"id":"acme/brand-new","name":"Acme: Brand New","created":1760000000,"context_length":65536,
                           "architecture":{"input_modalities":["text"],"output_modalities":["text"],"tokenizer":"Other"},
                           "pricing":{"prompt":"0.000003","completion":"0.000004"}},
                          {"id":"openrouter/auto","name":"Auto Router","pricing":{"prompt":"-1","completion":"-1"}}
                        ]}"""));
        gateway = TestGateway.start("""
                providers:
                  openrouter: {base-url: "${OPENROUTER_URL}"}
                """, Map.of("OPENROUTER_URL", openrouter.baseUrl(), "OPENROUTER_API_KEY", "sk-or-test"));

        RefreshReport report = refresh();

        assertThat(report.discoveryErrors()).isEmpty();
        assertThat(openrouter.stats().requests()).filteredOn(r -> r.path().equals("/v1/models"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.authorized()).isTrue());
        Endpoint mini = catalog().model("openai/gpt-4o-mini").orElseThrow().routableEndpoints().getFirst();
        assertThat(mini.provider().id()).isEqualTo("openrouter");
        assertThat(mini.pricing().prompt().toPlainString()).isEqualTo("0.000001");
        assertThat(mini.moderated()).isTrue();
        assertThat(catalog().model("acme/brand-new").orElseThrow().name()).isEqualTo("Acme: Brand New");
        assertThat(catalog().model("openrouter/auto")).isEmpty();
        // Bundled models OpenRouter did not list keep their bundled OpenRouter endpoint.
        assertThat(catalog().model("x-ai/grok-4").orElseThrow().routableEndpoints()).hasSize(1);

        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", """
                {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"one two three"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(openrouter.stats().last().orElseThrow().model()).isEqualTo("openai/gpt-4o-mini");
        // 3 prompt and 3 completion tokens at the live prices: 3 × $1/M + 3 × $2/M.
        assertThat(Json.parse(response.body()).get("usage").get("cost").decimalValue()).isEqualByComparingTo("0.000009");

        HttpResponse<String> brandNew = gateway.post("/api/v1/chat/completions", """
                {"model":"acme/brand-new","messages":[{"role":"user","content":"one two three"}]}""");
        assertThat(brandNew.statusCode()).isEqualTo(200);
        assertThat(openrouter.stats().last().orElseThrow().model()).isEqualTo("acme/brand-new");
        assertThat(Json.parse(brandNew.body()).get("usage").get("cost").decimalValue()).isEqualByComparingTo("0.000021");
    }
}
