package dev.junction.catalog.discovery;

import dev.junction.config.EndpointConfig;
import dev.junction.config.JunctionConfig;
import dev.junction.config.ModelConfig;
import dev.junction.config.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static dev.junction.catalog.discovery.TestConfigs.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The id rules: where each discovered model lands in the catalog. */
class DiscoveryMergeTest {
    private static final JunctionConfig CONFIG = TestConfigs.parse("""
            providers:
              ollama: {name: Ollama, base-url: "http://127.0.0.1:11434/v1", discovery: ollama}
              vllm: {name: vLLM, base-url: "http://127.0.0.1:8000/v1", discovery: openai}
              openrouter: {name: OpenRouter, base-url: "https://openrouter.ai/api/v1", discovery: openrouter}
            models:
              meta-llama/llama-3.1-8b-instruct:
                hugging-face-id: meta-llama/Llama-3.1-8B-Instruct
                endpoints:
                  - {provider: openrouter, upstream-model: meta-llama/llama-3.1-8b-instruct, pricing: {prompt: "0.00000002", completion: "0.00000003"}}
              qwen/qwen3-8b:
                endpoints:
                  - {provider: ollama, upstream-model: "qwen3:8b", pricing: {prompt: "0.000000001"}, tag: ollama/q4}
              openai/gpt-4o-mini:
                context-length: 128000
                endpoints:
                  - {provider: openrouter, upstream-model: openai/gpt-4o-mini, tag: openrouter/main, variants: [exacto],
                     pricing: {prompt: "0.00000015", completion: "0.0000006"}}
                  - {provider: openrouter, upstream-model: "openai/gpt-4o-mini:free", variants: [free]}
            """);

    private static DiscoveryMerge.ProviderModels listed(String providerId, List<DiscoveredModel> models) {
        return new DiscoveryMerge.ProviderModels(CONFIG.providers().get(providerId), models);
    }

    private static DiscoveredModel local(String providerId, String id, int context) {
        ProviderConfig provider = CONFIG.providers().get(providerId);
        return Listings.discovered(provider, id, OptionalInt.of(context), List.of("text"), List.of("text"),
                java.util.Optional.of("int4"));
    }

    @Test
    void aLocalModelNobodyKnowsBecomesProviderSlashId() {
        Map<String, ModelConfig> merged = DiscoveryMerge.merge(CONFIG.models(),
                List.of(listed("ollama", List.of(local("ollama", "llama3.1:8b", 131072)))));

        assertThat(merged.keySet()).containsExactly("meta-llama/llama-3.1-8b-instruct", "qwen/qwen3-8b",
                "openai/gpt-4o-mini", "ollama/llama3.1:8b");
        ModelConfig llama = merged.get("ollama/llama3.1:8b");
        assertThat(llama.name()).isEqualTo("Ollama: llama3.1:8b");
        assertThat(llama.contextLength()).isEqualTo(131072);
        assertThat(llama.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.provider()).isEqualTo("ollama");
            assertThat(e.upstreamModel()).isEqualTo("llama3.1:8b");
            assertThat(e.pricing().prompt()).isEqualByComparingTo(BigDecimal.ZERO);
        });
    }

    @Test
    void aLocalModelNamedLikeACatalogModelOrItsHuggingFaceIdJoinsIt() {
        Map<String, ModelConfig> merged = DiscoveryMerge.merge(CONFIG.models(), List.of(listed("vllm", List.of(
                local("vllm", "meta-llama/Llama-3.1-8B-Instruct", 8192),
                local("vllm", "OpenAI/GPT-4o-mini", 4096),
                local("vllm", "gpt-4o-mini", 4096)))));

        assertThat(merged.get("meta-llama/llama-3.1-8b-instruct").endpoints()).extracting(EndpointConfig::provider)
                .containsExactly("openrouter", "vllm");
        assertThat(merged.get("openai/gpt-4o-mini").endpoints()).extracting(EndpointConfig::upstreamModel)
                .containsExactly("openai/gpt-4o-mini", "openai/gpt-4o-mini:free", "OpenAI/GPT-4o-mini");
        // Not a catalog id: the bare name gets the provider's prefix.
        assertThat(merged).containsKey("vllm/gpt-4o-mini");
    }

    @Test
    void anEndpointTheConfigurationAlreadyDefinesIsOnlyCompletedByLocalDiscovery() {
        Map<String, ModelConfig> merged = DiscoveryMerge.merge(CONFIG.models(),
                List.of(listed("ollama", List.of(local("ollama", "qwen3:8b", 40960)))));

        assertThat(merged).doesNotContainKey("ollama/qwen3:8b");
        EndpointConfig endpoint = merged.get("qwen/qwen3-8b").endpoints().getFirst();
        assertThat(merged.get("qwen/qwen3-8b").endpoints()).hasSize(1);
        assertThat(endpoint.contextLength()).hasValue(40960);
        assertThat(endpoint.quantization()).contains("int4");
        assertThat(endpoint.tag()).contains("ollama/q4");
        assertThat(endpoint.pricing().prompt()).isEqualByComparingTo("0.000000001");
    }

    @Test
    void openRoutersLiveListReplacesPricesOfItsEndpointsAndAddsNewModels() {
        List<DiscoveredModel> live = OpenRouterModelList.parse(CONFIG.providers().get("openrouter"), json("""
                {"data":[
                  {"id":"openai/gpt-4o-mini","name":"Live name","context_length":128000,
                   "pricing":{"prompt":"0.0000002","completion":"0.0000008"},
                   "top_provider":{"context_length":64000,"max_completion_tokens":16384,"is_moderated":true}},
                  {"id":"openai/gpt-4o-mini:free","pricing":{"prompt":"0","completion":"0"}},
                  {"id":"acme/brand-new","name":"Acme: Brand New","context_length":32768,
                   "pricing":{"prompt":"0.000001","completion":"0.000002"}},
                  {"id":"acme/brand-new:free","pricing":{"prompt":"0","completion":"0"}}
                ]}"""));

        Map<String, ModelConfig> merged = DiscoveryMerge.merge(CONFIG.models(), List.of(listed("openrouter", live)));

        ModelConfig mini = merged.get("openai/gpt-4o-mini");
        assertThat(mini.name()).as("configured metadata stays").isEqualTo("openai/gpt-4o-mini");
        assertThat(mini.endpoints()).hasSize(2);
        EndpointConfig main = mini.endpoints().getFirst();
        assertThat(main.pricing().prompt()).isEqualByComparingTo("0.0000002");
        assertThat(main.pricing().completion()).isEqualByComparingTo("0.0000008");
        assertThat(main.contextLength()).hasValue(64000);
        assertThat(main.maxCompletionTokens()).hasValue(16384);
        assertThat(main.moderated()).isTrue();
        assertThat(main.tag()).contains("openrouter/main");
        assertThat(main.variants()).containsExactly("exacto");
        assertThat(mini.endpoints().get(1).variants()).containsExactly("free");

        assertThat(merged.keySet()).endsWith("acme/brand-new", "acme/brand-new:free");
        assertThat(merged.get("acme/brand-new").name()).isEqualTo("Acme: Brand New");
        assertThat(merged.get("acme/brand-new").endpoints()).singleElement()
                .satisfies(e -> assertThat(e.upstreamModel()).isEqualTo("acme/brand-new"));
        assertThat(merged.get("acme/brand-new:free").endpoints().getFirst().variants()).containsExactly("free");
    }

    @Test
    void everyModelServedByTheListedEndpointIsUpdated() {
        JunctionConfig aliased = TestConfigs.parse("""
                providers:
                  openrouter: {base-url: "https://openrouter.ai/api/v1", discovery: openrouter}
                models:
                  openai/gpt-4o-mini:
                    endpoints: [{provider: openrouter, upstream-model: openai/gpt-4o-mini, pricing: {prompt: "0.1"}}]
                  my/cheap-chat:
                    endpoints: [{provider: openrouter, upstream-model: openai/gpt-4o-mini, pricing: {prompt: "0.1"}}]
                """);
        ProviderConfig openrouter = aliased.providers().get("openrouter");
        List<DiscoveredModel> live = OpenRouterModelList.parse(openrouter, json("""
                {"data":[{"id":"openai/gpt-4o-mini","pricing":{"prompt":"0.00000015","completion":"0.0000006"}}]}"""));

        Map<String, ModelConfig> merged = DiscoveryMerge.merge(aliased.models(),
                List.of(new DiscoveryMerge.ProviderModels(openrouter, live)));

        assertThat(merged.keySet()).containsExactly("openai/gpt-4o-mini", "my/cheap-chat");
        assertThat(merged.values()).allSatisfy(m -> assertThat(m.endpoints()).singleElement()
                .satisfies(e -> assertThat(e.pricing().prompt()).isEqualByComparingTo("0.00000015")));
    }

    @Test
    void laterProvidersSeeModelsEarlierOnesDiscovered() {
        List<DiscoveredModel> live = OpenRouterModelList.parse(CONFIG.providers().get("openrouter"), json("""
                {"data":[{"id":"qwen/qwen3-32b","pricing":{"prompt":"0.0000001","completion":"0.0000003"}}]}"""));

        Map<String, ModelConfig> merged = DiscoveryMerge.merge(CONFIG.models(), List.of(
                listed("openrouter", live), listed("vllm", List.of(local("vllm", "Qwen/Qwen3-32B", 32768)))));

        assertThat(merged.get("qwen/qwen3-32b").endpoints()).extracting(EndpointConfig::provider)
                .containsExactly("openrouter", "vllm");
    }

    @Test
    void mergingNothingChangesNothing() {
        assertThat(DiscoveryMerge.merge(CONFIG.models(), List.of())).isEqualTo(CONFIG.models());
        assertThat(DiscoveryMerge.merge(CONFIG.models(), List.of(listed("ollama", List.of()))))
                .isEqualTo(CONFIG.models());
    }
}
