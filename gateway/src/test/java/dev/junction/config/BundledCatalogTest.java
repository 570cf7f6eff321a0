package dev.junction.config;

import dev.junction.money.Money;
import dev.junction.catalog.Catalog;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled catalog binds cleanly, is complete enough to route, and routes nothing without keys. */
class BundledCatalogTest {
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d{1,12})?");
    private static final Map<String, String> KEY_VARIABLES = Map.ofEntries(
            Map.entry("openai", "OPENAI_API_KEY"), Map.entry("openrouter", "OPENROUTER_API_KEY"),
            Map.entry("groq", "GROQ_API_KEY"), Map.entry("together", "TOGETHER_API_KEY"),
            Map.entry("deepinfra", "DEEPINFRA_API_KEY"), Map.entry("fireworks", "FIREWORKS_API_KEY"),
            Map.entry("mistral", "MISTRAL_API_KEY"), Map.entry("deepseek", "DEEPSEEK_API_KEY"),
            Map.entry("xai", "XAI_API_KEY"), Map.entry("anthropic", "ANTHROPIC_API_KEY"),
            Map.entry("google-ai-studio", "GEMINI_API_KEY"));
    private static final Map<String, ProviderKind> NATIVE_KINDS = Map.of(
            "anthropic", ProviderKind.ANTHROPIC, "google-ai-studio", ProviderKind.GEMINI);

    private static JunctionConfig load(Map<String, String> env) {
        return new ConfigLoader(env).parse("", "empty.yaml");
    }

    @Test
    void bindsWithoutProblemsAndDefinesTheHostedProviders() {
        JunctionConfig config = load(Map.of());

        assertThat(config.providers()).containsOnlyKeys(KEY_VARIABLES.keySet());
        config.providers().values().forEach(p -> {
            assertThat(p.kind()).as(p.id()).isEqualTo(NATIVE_KINDS.getOrDefault(p.id(), ProviderKind.OPENAI));
            assertThat(p.baseUrl().getScheme()).as(p.id()).isEqualTo("https");
            assertThat(p.apiKeyEnv()).as(p.id()).contains(KEY_VARIABLES.get(p.id()));
            assertThat(BundledCatalog.tree().get("providers").get(p.id()).has("data-policy"))
                    .as(p.id() + " states a data policy").isTrue();
        });
        assertThat(config.providers().get("openrouter").discovery()).isEqualTo(ProviderConfig.Discovery.OPENROUTER);
        assertThat(config.providers().get("openai").dropFields()).contains("transforms", "plugins", "reasoning");
        assertThat(config.providers().get("deepinfra").dataPolicy().retainsPrompts()).isFalse();
    }

    @Test
    void everyModelIsDescribedAndHasEndpointsIncludingOpenRouter() {
        JunctionConfig config = load(Map.of());

        assertThat(config.models()).hasSizeBetween(30, 45)
                .containsKeys("anthropic/claude-sonnet-4.5", "google/gemini-2.5-flash", "openai/gpt-4o-mini", "openai/gpt-5", "openai/gpt-oss-120b",
                        "meta-llama/llama-3.3-70b-instruct", "deepseek/deepseek-r1-0528", "x-ai/grok-4",
                        "moonshotai/kimi-k2", "qwen/qwen3-coder", "mistralai/mistral-small-3.2-24b-instruct");
        for (ModelConfig m : config.models().values()) {
            assertThat(m.endpoints()).as(m.slug()).isNotEmpty();
            assertThat(m.name()).as(m.slug()).isNotEqualTo(m.slug());
            assertThat(m.description()).as(m.slug()).isNotBlank();
            assertThat(m.created()).as(m.slug()).isGreaterThan(1_700_000_000L);
            assertThat(m.contextLength()).as(m.slug()).isGreaterThan(0);
            assertThat(m.tokenizer()).as(m.slug()).isPresent();
            assertThat(m.endpoints()).as(m.slug() + " has an OpenRouter endpoint under its own id")
                    .anySatisfy(e -> {
                        assertThat(e.provider()).isEqualTo("openrouter");
                        assertThat(e.upstreamModel()).isEqualTo(m.slug());
                    });
            for (EndpointConfig e : m.endpoints()) {
                assertThat(e.pricing().prompt().signum() + e.pricing().completion().signum())
                        .as(m.slug() + " at " + e.upstreamModel() + " is priced unless it is a free variant")
                        .isEqualTo(e.variants().contains("free") ? 0 : 2);
            }
        }
    }

    @Test
    void everyPriceIsAnExactDecimalString() {
        ObjectNode tree = BundledCatalog.tree();
        List<String> prices = new ArrayList<>();
        for (JsonNode model : tree.get("models")) {
            for (JsonNode endpoint : model.get("endpoints")) {
                for (var price : endpoint.get("pricing").properties()) {
                    JsonNode value = price.getValue();
                    // A YAML float (0.15e-6) would pass through a double; prices must be quoted strings.
                    assertThat(value.isString()).as(price.getKey() + " " + value).isTrue();
                    assertThat(value.asString()).matches(DECIMAL);
                    assertThat(Money.ofUsd(new BigDecimal(value.asString())).toUsd())
                            .isEqualByComparingTo(value.asString());
                    prices.add(value.asString());
                }
            }
        }
        assertThat(prices).hasSizeGreaterThan(100).contains("0.00000015", "0.000000005");
    }

    @Test
    void anthropicsModelNamesAreAliasesOfTheBundledModels() {
        Catalog catalog = Catalog.from(load(Map.of()));

        assertThat(catalog.aliases()).containsEntry("claude-sonnet-4-5", "anthropic/claude-sonnet-4.5")
                .containsEntry("claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5")
                .containsEntry("claude-haiku-4-5-20251001", "anthropic/claude-haiku-4.5");
        assertThat(catalog.aliases()).allSatisfy((alias, model) ->
                assertThat(catalog.model(model)).as("the model of alias %s", alias).isPresent());
    }

    @Test
    void nothingIsRoutableWithoutKeys() {
        Catalog catalog = Catalog.from(load(Map.of()));

        assertThat(catalog.models()).isNotEmpty();
        assertThat(catalog.models()).allSatisfy(m -> assertThat(m.routableEndpoints()).as(m.slug()).isEmpty());
    }

    @Test
    void anOpenRouterKeyAloneMakesEveryModelRoutable() {
        Catalog catalog = Catalog.from(load(Map.of("OPENROUTER_API_KEY", "sk-or-test")));

        for (Model m : catalog.models()) {
            assertThat(m.routableEndpoints()).as(m.slug()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.provider().id()).isEqualTo("openrouter"));
        }
    }

    @Test
    void aProviderKeyMakesOnlyThatProvidersEndpointsRoutable() {
        Catalog catalog = Catalog.from(load(Map.of("GROQ_API_KEY", "gsk-test")));

        List<Endpoint> routable = catalog.models().stream().flatMap(m -> m.routableEndpoints().stream()).toList();
        assertThat(routable).isNotEmpty().allSatisfy(e -> assertThat(e.provider().id()).isEqualTo("groq"));
        assertThat(catalog.model("meta-llama/llama-3.3-70b-instruct").orElseThrow().routableEndpoints())
                .extracting(Endpoint::upstreamModel).containsExactly("llama-3.3-70b-versatile");
    }

    @Test
    void theOperatorsFileOverridesOnePriceAndCanDropAModel() {
        JunctionConfig config = new ConfigLoader(Map.of()).parse("""
                models:
                  openai/gpt-4o-mini:
                    endpoints:
                      - provider: openai
                        upstream-model: gpt-4o-mini
                        pricing: {prompt: "0.0000002", completion: "0.0000008"}
                  x-ai/grok-3: null
                """, "override.yaml");

        ModelConfig mini = config.models().get("openai/gpt-4o-mini");
        assertThat(mini.name()).isEqualTo("OpenAI: GPT-4o-mini");
        assertThat(mini.endpoints()).singleElement()
                .satisfies(e -> assertThat(e.pricing().prompt()).isEqualByComparingTo("0.0000002"));
        assertThat(config.models()).doesNotContainKey("x-ai/grok-3").containsKey("x-ai/grok-4");
    }
}
