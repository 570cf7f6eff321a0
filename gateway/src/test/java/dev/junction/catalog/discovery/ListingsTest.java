package dev.junction.catalog.discovery;

import dev.junction.config.EndpointConfig;
import dev.junction.config.ModelConfig;
import dev.junction.config.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;

import static dev.junction.catalog.discovery.TestConfigs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading each kind of model listing into discovered models; no I/O. */
class ListingsTest {
    private static final ProviderConfig VLLM = TestConfigs.provider("vllm", "openai");
    private static final ProviderConfig LMSTUDIO = TestConfigs.provider("lmstudio", "lmstudio");
    private static final ProviderConfig OLLAMA = TestConfigs.provider("ollama", "ollama");
    private static final ProviderConfig OPENROUTER = TestConfigs.provider("openrouter", "openrouter");

    @Test
    void openAiListReadsTheContextLengthEachServerReportsItsOwnWay() {
        List<DiscoveredModel> models = OpenAiModelList.parse(VLLM, json("""
                {"object":"list","data":[
                  {"id":"meta-llama/Llama-3.1-8B-Instruct","object":"model","max_model_len":8192},
                  {"id":"llama-3.3-70b-versatile","object":"model","context_window":131072},
                  {"id":"qwen","object":"model","context_length":32768},
                  {"id":"gguf-model","object":"model","meta":{"n_ctx_train":4096}},
                  {"id":"plain","object":"model","owned_by":"me"},
                  {"object":"model"}
                ]}"""));

        assertThat(models).extracting(DiscoveredModel::upstreamId)
                .containsExactly("meta-llama/Llama-3.1-8B-Instruct", "llama-3.3-70b-versatile", "qwen", "gguf-model", "plain");
        assertThat(models).extracting(m -> m.endpoint().contextLength()).containsExactly(OptionalInt.of(8192),
                OptionalInt.of(131072), OptionalInt.of(32768), OptionalInt.of(4096), OptionalInt.empty());
        DiscoveredModel first = models.getFirst();
        assertThat(first.metadata().name()).isEqualTo("VLLM: meta-llama/Llama-3.1-8B-Instruct");
        assertThat(first.metadata().contextLength()).isEqualTo(8192);
        assertThat(first.endpoint().provider()).isEqualTo("vllm");
        assertThat(first.endpoint().pricing().prompt()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void openAiListAcceptsTogethersBareArrayAndMarksEmbeddingModels() {
        List<DiscoveredModel> models = OpenAiModelList.parse(VLLM, json("""
                [{"id":"BAAI/bge-large-en-v1.5","type":"embedding","context_length":512},
                 {"id":"meta-llama/Llama-3.3-70B-Instruct-Turbo","type":"chat","context_length":131072}]"""));

        assertThat(models).extracting(m -> m.metadata().outputModalities())
                .containsExactly(List.of("embeddings"), List.of("text"));
    }

    @Test
    void aBodyWithoutAModelListIsADiscoveryFailure() {
        assertThatThrownBy(() -> OpenAiModelList.parse(VLLM, json("{\"error\":\"nope\"}")))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("vllm: GET /models has no model list (expected \"data\": [...])");
    }

    @Test
    void lmStudioJoinsTheOpenAiListWithItsRestApiDetails() {
        List<DiscoveredModel> models = LmStudioModelList.parse(LMSTUDIO, json("""
                {"data":[{"id":"qwen2.5-7b-instruct"},{"id":"qwen2-vl-7b"},{"id":"text-embedding-nomic"},{"id":"new-one"}]}"""),
                json("""
                {"object":"list","data":[
                  {"id":"qwen2.5-7b-instruct","type":"llm","state":"loaded","max_context_length":32768,
                   "loaded_context_length":8192,"quantization":"Q4_K_M"},
                  {"id":"qwen2-vl-7b","type":"vlm","state":"not-loaded","max_context_length":32768,"quantization":"4bit"},
                  {"id":"text-embedding-nomic","type":"embeddings","state":"not-loaded","max_context_length":2048}
                ]}"""));

        assertThat(models).extracting(DiscoveredModel::upstreamId)
                .containsExactly("qwen2.5-7b-instruct", "qwen2-vl-7b", "text-embedding-nomic", "new-one");
        // A loaded model serves the context it was loaded with, not the most it could.
        assertThat(models).extracting(m -> m.endpoint().contextLength()).containsExactly(OptionalInt.of(8192),
                OptionalInt.of(32768), OptionalInt.of(2048), OptionalInt.empty());
        assertThat(models.get(1).metadata().inputModalities()).containsExactly("text", "image");
        assertThat(models.get(2).metadata().outputModalities()).containsExactly("embeddings");
        assertThat(models).extracting(m -> m.endpoint().quantization().orElse("-"))
                .containsExactly("int4", "int4", "-", "-");
    }

    @Test
    void ollamaReadsTheContextLengthUnderTheModelsArchitecture() {
        assertThat(OllamaModelList.names(OLLAMA, json("""
                {"models":[{"name":"llama3.1:8b","model":"llama3.1:8b"},{"name":"only-name:latest"}]}""")))
                .containsExactly("llama3.1:8b", "only-name:latest");

        DiscoveredModel llama = OllamaModelList.model(OLLAMA, "llama3.1:8b", json("""
                {"details":{"quantization_level":"Q8_0"},
                 "model_info":{"general.architecture":"llama","qwen2.context_length":1,"llama.context_length":131072},
                 "capabilities":["completion","tools"]}"""));
        assertThat(llama.endpoint().contextLength()).hasValue(131072);
        assertThat(llama.endpoint().quantization()).contains("int8");
        assertThat(llama.metadata().outputModalities()).containsExactly("text");

        DiscoveredModel vision = OllamaModelList.model(OLLAMA, "llava:7b", json("""
                {"model_info":{"clip.context_length":2048},"capabilities":["completion","vision"]}"""));
        assertThat(vision.endpoint().contextLength()).hasValue(2048);
        assertThat(vision.metadata().inputModalities()).containsExactly("text", "image");

        DiscoveredModel embed = OllamaModelList.model(OLLAMA, "nomic-embed-text", json("{\"capabilities\":[\"embedding\"]}"));
        assertThat(embed.metadata().outputModalities()).containsExactly("embeddings");
        assertThat(embed.endpoint().contextLength()).isEmpty();
    }

    @Test
    void quantizationNamesFollowOpenRouters() {
        assertThat(List.of("Q4_K_M", "IQ4_XS", "4bit", "Q8_0", "8bit", "F16", "BF16", "F32", "Q5_K_M", "MXFP4"))
                .map(Listings::quantization)
                .containsExactly("int4", "int4", "int4", "int8", "int8", "fp16", "bf16", "fp32", "unknown", "mxfp4");
    }

    @Test
    void openRouterModelsKeepTheirIdsPricesLimitsAndMetadata() {
        List<DiscoveredModel> models = OpenRouterModelList.parse(OPENROUTER, json("""
                {"data":[{
                  "id":"openai/gpt-4o-mini","canonical_slug":"openai/gpt-4o-mini-2024-07-18","hugging_face_id":"",
                  "name":"OpenAI: GPT-4o-mini","created":1721260800,"description":"Small and cheap.",
                  "context_length":128000,
                  "architecture":{"modality":"text+image->text","input_modalities":["text","image","file"],
                                  "output_modalities":["text"],"tokenizer":"GPT","instruct_type":null},
                  "pricing":{"prompt":"0.00000015","completion":"0.0000006","request":"0","image":"0.000217",
                             "web_search":"0","internal_reasoning":"0","input_cache_read":"0.000000075"},
                  "top_provider":{"context_length":128000,"max_completion_tokens":16384,"is_moderated":true},
                  "per_request_limits":null,
                  "supported_parameters":["max_tokens","temperature","tools"],
                  "default_parameters":{"temperature":null,"top_p":0.9}
                }]}"""));

        DiscoveredModel mini = models.getFirst();
        ModelConfig metadata = mini.metadata();
        assertThat(metadata.slug()).isEqualTo("openai/gpt-4o-mini");
        assertThat(metadata.name()).isEqualTo("OpenAI: GPT-4o-mini");
        assertThat(metadata.created()).isEqualTo(1721260800L);
        assertThat(metadata.canonicalSlug()).contains("openai/gpt-4o-mini-2024-07-18");
        assertThat(metadata.huggingFaceId()).isEmpty();
        assertThat(metadata.inputModalities()).containsExactly("text", "image", "file");
        assertThat(metadata.tokenizer()).contains("GPT");
        assertThat(metadata.instructType()).isEmpty();
        assertThat(metadata.defaultParameters()).containsOnlyKeys("top_p");
        EndpointConfig endpoint = mini.endpoint();
        assertThat(endpoint.provider()).isEqualTo("openrouter");
        assertThat(endpoint.upstreamModel()).isEqualTo("openai/gpt-4o-mini");
        assertThat(endpoint.pricing().prompt()).isEqualTo(new BigDecimal("0.00000015"));
        assertThat(endpoint.pricing().image()).isEqualTo(new BigDecimal("0.000217"));
        assertThat(endpoint.pricing().inputCacheRead()).contains(new BigDecimal("0.000000075"));
        // "0" means "not priced separately": reasoning tokens are billed as completion tokens.
        assertThat(endpoint.pricing().internalReasoning()).isEmpty();
        assertThat(endpoint.maxCompletionTokens()).hasValue(16384);
        assertThat(endpoint.contextLength()).hasValue(128000);
        assertThat(endpoint.moderated()).isTrue();
        assertThat(endpoint.supportedParameters()).hasValueSatisfying(p ->
                assertThat(p).containsExactlyInAnyOrder("max_tokens", "temperature", "tools"));
    }

    @Test
    void openRouterModelsWithoutExactPricesAreLeftOutAndVariantSuffixesMarked() {
        List<DiscoveredModel> models = OpenRouterModelList.parse(OPENROUTER, json("""
                {"data":[
                  {"id":"openrouter/auto","pricing":{"prompt":"-1","completion":"-1"}},
                  {"id":"too/precise","pricing":{"prompt":"0.0000000000001","completion":"0"}},
                  {"id":"no/prices"},
                  {"id":"bad/cache","pricing":{"prompt":"0.000001","completion":"0.000002","input_cache_read":"n/a"}},
                  {"id":"meta-llama/llama-3.3-70b-instruct:free","pricing":{"prompt":"0","completion":"0"}},
                  {"id":"acme/model","pricing":{"prompt":"0.000001","completion":"0.000002"}}
                ]}"""));

        assertThat(models).extracting(DiscoveredModel::upstreamId)
                .containsExactly("meta-llama/llama-3.3-70b-instruct:free", "acme/model");
        assertThat(models.getFirst().endpoint().variants()).containsExactly("free");
        assertThat(models.get(1).endpoint().variants()).isEmpty();
        assertThat(models.get(1).metadata().name()).isEqualTo("acme/model");
        assertThat(models.get(1).metadata().inputModalities()).containsExactly("text");
    }

    @Test
    void localServerRootIsBesideV1() {
        assertThat(DiscoveryHttp.serverRoot(java.net.URI.create("http://127.0.0.1:11434/v1")))
                .hasToString("http://127.0.0.1:11434");
        assertThat(DiscoveryHttp.serverRoot(java.net.URI.create("http://host/lmstudio/v1")))
                .hasToString("http://host/lmstudio");
        assertThat(DiscoveryHttp.resolve(java.net.URI.create("http://host:1234"), "/api/v0/models"))
                .hasToString("http://host:1234/api/v0/models");
        assertThat(DiscoveryHttp.describe(java.net.URI.create("https://user:pw@host:8443/v1/models?key=secret")))
                .isEqualTo("https://host:8443/v1/models");
    }
}
