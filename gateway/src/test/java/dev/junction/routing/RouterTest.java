package dev.junction.routing;

import dev.junction.wire.AutoRouterPlugin;
import dev.junction.wire.ProviderPreferences;
import dev.junction.wire.Transforms;
import dev.junction.catalog.Catalog;
import dev.junction.catalog.CatalogHolder;
import dev.junction.catalog.Endpoint;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.providers.UpstreamFailure;
import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every routing preference and variant, alone and combined, with a seeded random and a hand-moved clock. */
class RouterTest {
    private static final String CATALOG = """
            catalog: {bundled: false}
            providers:
              cheap:   {name: Cheap,   base-url: "http://127.0.0.1:1/v1", data-policy: {training: false, retains-prompts: false}}
              pricey:  {name: Pricey,  base-url: "http://127.0.0.1:2/v1", data-policy: {training: false, retains-prompts: true}}
              trainer: {name: Trainer, base-url: "http://127.0.0.1:3/v1", data-policy: {training: true, retains-prompts: true}}
              locked:  {name: Locked,  base-url: "http://127.0.0.1:4/v1", api-key-env: ROUTER_TEST_UNSET_KEY}
              freebie: {name: Freebie, base-url: "http://127.0.0.1:5/v1"}
            models:
              acme/chat:
                variants: [thinking]
                endpoints:
                  - {provider: cheap, upstream-model: c, quantization: fp8, context-length: 8000,
                     pricing: {prompt: "0.000001", completion: "0"}, supported-parameters: [temperature, tools]}
                  - {provider: pricey, upstream-model: p, tag: pricey/turbo, quantization: bf16, context-length: 128000,
                     pricing: {prompt: "0.000002", completion: "0"}, supported-parameters: [temperature], variants: [exacto]}
                  - {provider: trainer, upstream-model: t, context-length: 32000,
                     pricing: {prompt: "0.000003", completion: "0"}, supported-parameters: [temperature, tools, seed]}
                  - {provider: freebie, upstream-model: f, variants: [free]}
              acme/backup:
                endpoints:
                  - {provider: cheap, upstream-model: b, pricing: {prompt: "0.0000005", completion: "0"}}
              acme/locked:
                endpoints:
                  - {provider: locked, upstream-model: l}
              ollama/llama3.1:8b:
                endpoints:
                  - {provider: cheap, upstream-model: "llama3.1:8b"}
            aliases:
              chat-latest: acme/chat
              gone-model: acme/nothing
            auto-router:
              default-model: acme/backup
              rules:
                - {name: long, model: acme/chat, min-prompt-tokens: 10000}
                - {name: vision, model: acme/chat, input-modalities: [image]}
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private final JunctionConfig config = new ConfigLoader(Map.of()).parse(CATALOG, "router test");
    private final Catalog catalog = Catalog.from(config);
    private final EndpointHealth health = new EndpointHealth(clock, config.routing());
    private final Router router = new Router(new CatalogHolder(catalog), health, new AutoRouter(config.autoRouter()));

    private static RoutingRequest request(List<String> models, ProviderPreferences prefs) {
        return new RoutingRequest(models, prefs, Set.of(), 10, OptionalInt.empty(), Set.of(), false);
    }

    private List<String> providers(RoutingRequest request) {
        return router.plan(request, new SplittableRandom(7)).attempts().stream().map(a -> a.endpoint().provider().id()).toList();
    }

    private List<String> providers(String model, ProviderPreferences prefs) {
        return providers(request(List.of(model), prefs));
    }

    private static ProviderPreferences prefs() {
        return ProviderPreferences.DEFAULT;
    }

    private static ProviderPreferences with(java.util.function.UnaryOperator<Builder> f) {
        return f.apply(new Builder()).build();
    }

    /** Test-side builder over the immutable record. */
    static final class Builder {
        List<String> order = List.of();
        boolean allowFallbacks = true;
        Optional<Set<String>> only = Optional.empty();
        Set<String> ignore = Set.of();
        Optional<ProviderPreferences.Sort> sort = Optional.empty();
        boolean acrossModels;
        Set<String> quantizations = Set.of();
        ProviderPreferences.MaxPrice maxPrice = ProviderPreferences.MaxPrice.NONE;
        boolean requireParameters;
        boolean deny;
        boolean zdr;

        Builder order(String... names) { order = List.of(names); return this; }
        Builder noFallbacks() { allowFallbacks = false; return this; }
        Builder only(String... names) { only = Optional.of(Set.of(names)); return this; }
        Builder ignore(String... names) { ignore = Set.of(names); return this; }
        Builder sort(ProviderPreferences.Sort s) { sort = Optional.of(s); return this; }
        Builder acrossModels() { acrossModels = true; return this; }
        Builder quantizations(String... q) { quantizations = Set.of(q); return this; }
        Builder maxPromptPerMillion(String usd) {
            maxPrice = new ProviderPreferences.MaxPrice(Optional.of(new BigDecimal(usd)), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
            return this;
        }
        Builder requireParameters() { requireParameters = true; return this; }
        Builder denyDataCollection() { deny = true; return this; }
        Builder zdr() { zdr = true; return this; }

        ProviderPreferences build() {
            return new ProviderPreferences(order, allowFallbacks, only, ignore, sort, acrossModels, quantizations, maxPrice,
                    requireParameters, deny, zdr, OptionalDouble.empty(), OptionalDouble.empty(), false);
        }
    }

    private Endpoint endpoint(String model, String provider) {
        return catalog.model(model).orElseThrow().endpoints().stream().filter(e -> e.provider().id().equals(provider))
                .findFirst().orElseThrow();
    }

    @Test
    void loadBalancingPicksEndpointsInInverseProportionToTheSquareOfTheirPrice() {
        // weights 1/1², 1/2², 1/3² → first-choice shares 36/49, 9/49, 4/49
        Map<String, Integer> firsts = new java.util.HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            String first = router.plan(request(List.of("acme/chat"), prefs()), random).attempts().getFirst().endpoint().provider().id();
            firsts.merge(first, 1, Integer::sum);
        }
        assertThat(firsts.get("cheap") / (double) draws).isCloseTo(36 / 49.0, org.assertj.core.data.Offset.offset(0.015));
        assertThat(firsts.get("pricey") / (double) draws).isCloseTo(9 / 49.0, org.assertj.core.data.Offset.offset(0.015));
        assertThat(firsts.get("trainer") / (double) draws).isCloseTo(4 / 49.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void theSameSeedGivesTheSamePlan() {
        RoutingRequest r = request(List.of("acme/chat"), prefs());
        assertThat(router.plan(r, new SplittableRandom(3)).attempts()).isEqualTo(router.plan(r, new SplittableRandom(3)).attempts());
    }

    @Test
    void freeEndpointsServeOnlyTheFreeVariant() {
        assertThat(providers("acme/chat", prefs())).doesNotContain("freebie").hasSize(3);
        assertThat(providers("acme/chat:free", prefs())).containsExactly("freebie");
        assertThatThrownBy(() -> providers("acme/backup:free", prefs())).isInstanceOf(UnknownModelException.class);
    }

    @Test
    void anEndpointWithARecentOutageIsTriedLastUntilItRecoversOrTheWindowPasses() {
        Endpoint cheap = endpoint("acme/chat", "cheap");
        health.recordFailure(cheap, UpstreamFailure.of(UpstreamFailure.Kind.CONNECT, "Cheap", "refused"));
        for (int seed = 0; seed < 50; seed++) {
            List<String> order = providers(request(List.of("acme/chat"), prefs()));
            assertThat(order.getLast()).isEqualTo("cheap");
        }
        clock.advance(Duration.ofSeconds(61));
        assertThat(health.recentOutage(cheap)).isFalse();
        health.recordFailure(cheap, UpstreamFailure.of(UpstreamFailure.Kind.TIMEOUT, "Cheap", "slow"));
        assertThat(health.recentOutage(cheap)).isTrue();
        health.recordFirstToken(cheap, 100);
        assertThat(health.recentOutage(cheap)).isFalse();
    }

    @Test
    void rateLimitsAndTheCallersMistakesAreNotOutages() {
        Endpoint cheap = endpoint("acme/chat", "cheap");
        health.recordFailure(cheap, new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, "Cheap", 429, "slow down", Optional.empty(), Optional.empty()));
        health.recordFailure(cheap, new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, "Cheap", 400, "bad", Optional.empty(), Optional.empty()));
        assertThat(health.recentOutage(cheap)).isFalse();
        assertThat(health.snapshot(cheap).uptime30m()).isEmpty();
    }

    @Test
    void orderComesFirstThenTheRestUnlessFallbacksAreOff() {
        assertThat(providers("acme/chat", with(b -> b.order("trainer", "Pricey")))).startsWith("trainer", "pricey").hasSize(3);
        assertThat(providers("acme/chat", with(b -> b.order("trainer", "pricey/turbo").noFallbacks()))).containsExactly("trainer", "pricey");
        assertThat(providers("acme/chat", with(b -> b.noFallbacks()))).hasSize(1);
    }

    @Test
    void onlyAndIgnoreMatchIdsDisplayNamesAndTags() {
        assertThat(providers("acme/chat", with(b -> b.only("Cheap", "pricey/turbo")))).containsExactlyInAnyOrder("cheap", "pricey");
        assertThat(providers("acme/chat", with(b -> b.ignore("trainer", "PRICEY")))).containsExactly("cheap");
    }

    @Test
    void sortByPriceThroughputAndLatency() {
        assertThat(providers("acme/chat", with(b -> b.sort(ProviderPreferences.Sort.PRICE)))).containsExactly("cheap", "pricey", "trainer");
        health.recordThroughput(endpoint("acme/chat", "trainer"), 900, 1000);
        health.recordThroughput(endpoint("acme/chat", "pricey"), 300, 1000);
        assertThat(providers("acme/chat", with(b -> b.sort(ProviderPreferences.Sort.THROUGHPUT)))).containsExactly("trainer", "pricey", "cheap");
        health.recordFirstToken(endpoint("acme/chat", "pricey"), 80);
        health.recordFirstToken(endpoint("acme/chat", "cheap"), 400);
        assertThat(providers("acme/chat", with(b -> b.sort(ProviderPreferences.Sort.LATENCY)))).containsExactly("pricey", "cheap", "trainer");
    }

    @Test
    void nitroSortsByThroughputAndFloorByPrice() {
        health.recordThroughput(endpoint("acme/chat", "trainer"), 900, 1000);
        assertThat(providers("acme/chat:nitro", prefs()).getFirst()).isEqualTo("trainer");
        assertThat(providers("acme/chat:floor", prefs())).containsExactly("cheap", "pricey", "trainer");
        PlanModel served = new PlanModel(router.plan(request(List.of("acme/chat:floor"), prefs()), new SplittableRandom(1)));
        assertThat(served.model()).isEqualTo("acme/chat");
    }

    @Test
    void exactoRanksEveryEndpointByItsToolCallRecordTheOperatorsTagStartingAhead() {
        assertThat(providers("acme/chat:exacto", prefs())).as("no calls measured: the tagged endpoint first")
                .containsExactly("pricey", "cheap", "trainer");
        Endpoint trainer = catalog.model("acme/chat").orElseThrow().endpoints().get(2);
        Endpoint pricey = catalog.model("acme/chat").orElseThrow().endpoints().get(1);
        health.recordToolCalls(trainer, 8, 0);
        health.recordToolCalls(pricey, 1, 5);
        assertThat(providers("acme/chat:exacto", prefs())).containsExactly("trainer", "cheap", "pricey");
        assertThat(providers("acme/chat", with(b -> b.sort(ProviderPreferences.Sort.EXACTO))))
                .as("provider.sort: exacto is the same order").containsExactly("trainer", "cheap", "pricey");
        assertThat(router.plan(request(List.of("acme/backup:exacto"), prefs()), new SplittableRandom(1)).attempts())
                .as("every model has the variant").hasSize(1);
    }

    @Test
    void thinkingExistsOnlyWhereTheCatalogDefinesIt() {
        assertThat(router.plan(request(List.of("acme/chat:thinking"), prefs()), new SplittableRandom(1)).wantsThinking()).isTrue();
        assertThatThrownBy(() -> providers("acme/backup:thinking", prefs())).isInstanceOf(UnknownModelException.class);
        assertThatThrownBy(() -> providers("acme/chat:bogus", prefs())).isInstanceOf(UnknownModelException.class);
        assertThat(router.plan(request(List.of("acme/chat:online"), prefs()), new SplittableRandom(1)).wantsWebSearch()).isTrue();
    }

    @Test
    void anAliasIsRoutedAndAnsweredAsTheModelItNames() {
        assertThat(providers("chat-latest", prefs())).containsExactlyElementsOf(providers("acme/chat", prefs()));
        PlanModel served = new PlanModel(router.plan(request(List.of("chat-latest"), prefs()), new SplittableRandom(1)));
        assertThat(served.model()).isEqualTo("acme/chat");
        assertThat(providers("chat-latest:exacto", prefs())).containsExactlyElementsOf(providers("acme/chat:exacto", prefs()));
        assertThatThrownBy(() -> providers("gone-model", prefs())).isInstanceOf(UnknownModelException.class)
                .hasMessageContaining("gone-model");
    }

    @Test
    void idsWithAColonThatExistAsWrittenAreNotVariants() {
        assertThat(providers("ollama/llama3.1:8b", prefs())).containsExactly("cheap");
    }

    @Test
    void quantizationsMaxPriceParametersDataPolicyAndZdrFilter() {
        assertThat(providers("acme/chat", with(b -> b.quantizations("bf16", "unknown")))).containsExactlyInAnyOrder("pricey", "trainer");
        assertThat(providers("acme/chat", with(b -> b.maxPromptPerMillion("2")))).containsExactlyInAnyOrder("cheap", "pricey");
        RoutingRequest needsSeed = new RoutingRequest(List.of("acme/chat"), with(b -> b.requireParameters()),
                Set.of("temperature", "seed"), 10, OptionalInt.empty(), Set.of(), false);
        assertThat(providers(needsSeed)).containsExactly("trainer");
        assertThat(providers("acme/chat", with(b -> b.denyDataCollection()))).containsExactlyInAnyOrder("cheap", "pricey");
        assertThat(providers("acme/chat", with(b -> b.zdr()))).containsExactly("cheap");
    }

    @Test
    void preferencesCombine() {
        List<String> p = providers("acme/chat", with(b -> b.denyDataCollection().maxPromptPerMillion("5")
                .sort(ProviderPreferences.Sort.PRICE).ignore("cheap")));
        assertThat(p).containsExactly("pricey");
    }

    @Test
    void nothingLeftIsA404ThatSaysWhy() {
        assertThatThrownBy(() -> providers("acme/chat", with(b -> b.only("nobody"))))
                .isInstanceOf(NoEndpointsException.class)
                .hasMessageContaining("not in provider.only")
                .satisfies(e -> assertThat(((NoEndpointsException) e).status()).isEqualTo(404));
    }

    @Test
    void endpointsTooSmallForThePromptAreSkippedAndAllTooSmallIsA400() {
        Transforms none = new Transforms(Optional.of(List.of()));
        RoutingRequest big = new RoutingRequest(List.of("acme/chat"), with(b -> b.sort(ProviderPreferences.Sort.PRICE)),
                Set.of(), 20_000, OptionalInt.of(4000), Set.of(), false, AutoRouterPlugin.NONE, Set.of(), none);
        assertThat(providers(big)).containsExactly("pricey", "trainer");
        // Without transforms, middle-out is on for endpoints of 8k or less: the 8000-token one serves, compressed,
        // after those taking the prompt whole, cheaper though it is.
        RoutingRequest compressible = new RoutingRequest(List.of("acme/chat"),
                with(b -> b.sort(ProviderPreferences.Sort.PRICE)), Set.of(), 20_000, OptionalInt.of(2000), Set.of(), false);
        assertThat(providers(compressible)).containsExactly("pricey", "trainer", "cheap");
        RoutingRequest huge = new RoutingRequest(List.of("acme/chat"), prefs(), Set.of(), 200_000, OptionalInt.empty(),
                Set.of(), false, AutoRouterPlugin.NONE, Set.of(), none);
        assertThatThrownBy(() -> providers(huge)).isInstanceOf(NoEndpointsException.class)
                .satisfies(e -> assertThat(((NoEndpointsException) e).status()).isEqualTo(400));
        assertThat(router.smallestContext(List.of("acme/chat", "acme/backup"))).isEqualTo(8000);
    }

    @Test
    void modelsFallBackInOrderAndSortAcrossModelsMixesThem() {
        List<String> models = List.of("acme/chat", "acme/backup");
        List<Attempt> attempts = router.plan(request(models, with(b -> b.sort(ProviderPreferences.Sort.PRICE))), new SplittableRandom(1)).attempts();
        assertThat(attempts.stream().map(Attempt::servedModel)).containsExactly("acme/chat", "acme/chat", "acme/chat", "acme/backup");
        List<Attempt> mixed = router.plan(request(models, with(b -> b.sort(ProviderPreferences.Sort.PRICE).acrossModels())), new SplittableRandom(1)).attempts();
        assertThat(mixed.getFirst().servedModel()).isEqualTo("acme/backup");
    }

    @Test
    void modelsWhoseProvidersLackCredentialsAreUnavailableNotUnknown() {
        assertThatThrownBy(() -> providers("acme/locked", prefs())).isInstanceOf(NoRouteException.class);
        assertThatThrownBy(() -> providers("acme/nothing", prefs())).isInstanceOf(UnknownModelException.class);
        assertThat(providers(request(List.of("acme/locked", "acme/backup"), prefs()))).containsExactly("cheap");
    }

    @Test
    void autoRouterFollowsItsRulesInOrder() {
        RoutingRequest longPrompt = new RoutingRequest(List.of("openrouter/auto"), prefs(), Set.of(), 50_000, OptionalInt.empty(), Set.of(), false);
        RoutePlan plan = router.plan(longPrompt, new SplittableRandom(1));
        assertThat(plan.autoRule()).contains("long");
        assertThat(plan.attempts().getFirst().servedModel()).isEqualTo("acme/chat");
        RoutingRequest image = new RoutingRequest(List.of("openrouter/auto"), prefs(), Set.of(), 10, OptionalInt.empty(), Set.of("image"), false);
        assertThat(router.plan(image, new SplittableRandom(1)).autoRule()).contains("vision");
        RoutePlan plain = router.plan(request(List.of("openrouter/auto"), prefs()), new SplittableRandom(1));
        assertThat(plain.autoRule()).contains("default");
        assertThat(plain.attempts().getFirst().servedModel()).isEqualTo("acme/backup");
    }

    private record PlanModel(RoutePlan plan) {
        String model() {
            return plan.attempts().getFirst().servedModel();
        }
    }
}
