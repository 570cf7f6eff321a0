package dev.junction.catalog.discovery;

import dev.junction.catalog.Catalog;
import dev.junction.catalog.CatalogHolder;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import dev.junction.config.ConfigException;
import dev.junction.config.ConfigSource;
import dev.junction.config.JunctionConfig;
import dev.junction.config.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh semantics with in-memory sources, a manual timer and same-thread execution: no I/O, no waiting. */
class CatalogRefresherTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z"));
    private static final String BASE = """
            catalog: {bundled: false, refresh-interval: 5m}
            providers:
              local: {name: Local, base-url: "http://127.0.0.1:1234/v1", discovery: lmstudio}
              other: {name: Other, base-url: "http://127.0.0.1:11434/v1", discovery: ollama}
              hosted: {name: Hosted, base-url: "https://api.example.com/v1", api-key-env: HOSTED_KEY, discovery: openai}
            models:
              test/priced:
                endpoints:
                  - {provider: local, upstream-model: priced, pricing: {prompt: "0.000001", completion: "0.000002"}}
            """;

    /** A configuration source whose next answer the test sets. */
    private static final class EditableSource implements ConfigSource {
        private Optional<String> pending = Optional.empty();

        void edit(String yaml) {
            pending = Optional.of(yaml);
        }

        @Override
        public Optional<JunctionConfig> changed() {
            Optional<String> next = pending;
            pending = Optional.empty();
            return next.map(TestConfigs::parse);
        }
    }

    /** Model lists by provider id; a provider mapped to an exception fails. */
    private static final class FakeSource implements ModelSource {
        final Map<String, Function<ProviderConfig, List<DiscoveredModel>>> answers = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        void lists(String provider, String... ids) {
            answers.put(provider, p -> {
                List<DiscoveredModel> models = new ArrayList<>();
                for (String id : ids) {
                    models.add(Listings.discovered(p, id, OptionalInt.of(4096), List.of("text"), List.of("text"), Optional.empty()));
                }
                return models;
            });
        }

        void fails(String provider) {
            answers.put(provider, p -> {
                throw new DiscoveryException(p.id() + ": GET http://127.0.0.1:1234/v1/models failed: ConnectException");
            });
        }

        @Override
        public List<DiscoveredModel> list(ProviderConfig provider) {
            calls.incrementAndGet();
            return answers.getOrDefault(provider.id(), p -> List.of()).apply(provider);
        }
    }

    /** A timer that fires only when the test says so. */
    private static final class ManualScheduler implements Scheduler {
        Runnable task;
        Duration interval;
        boolean cancelled;

        @Override
        public Runnable every(Duration interval, Runnable task) {
            this.interval = interval;
            this.task = task;
            return () -> cancelled = true;
        }
    }

    private final EditableSource config = new EditableSource();
    private final FakeSource models = new FakeSource();
    private final ManualScheduler timer = new ManualScheduler();

    private CatalogRefresher refresher(CatalogHolder holder, JunctionConfig startup) {
        return new CatalogRefresher(holder, startup, config, models, timer, Runnable::run, CLOCK);
    }

    private static JunctionConfig startup() {
        return TestConfigs.parse(BASE);
    }

    @Test
    void discoveredModelsBecomeRoutableEndpoints() {
        JunctionConfig startup = startup();
        CatalogHolder holder = new CatalogHolder(Catalog.from(startup));
        models.lists("local", "qwen2.5-7b-instruct", "priced");

        RefreshReport report = refresher(holder, startup).refresh();

        assertThat(report.catalogChanged()).isTrue();
        assertThat(report.discoveryErrors()).isEmpty();
        assertThat(report.at()).isEqualTo(CLOCK.instant());
        assertThat(report.models()).isEqualTo(2);
        assertThat(report.routableModels()).isEqualTo(2);
        Model qwen = holder.current().model("local/qwen2.5-7b-instruct").orElseThrow();
        assertThat(qwen.contextLength()).isEqualTo(4096);
        assertThat(qwen.routableEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.providerName()).isEqualTo("Local");
            assertThat(e.upstreamModel()).isEqualTo("qwen2.5-7b-instruct");
        });
        // The configured endpoint for "priced" is kept, with its prices, not duplicated.
        assertThat(holder.current().model("test/priced").orElseThrow().endpoints()).singleElement()
                .satisfies(e -> assertThat(e.pricing().prompt().toPlainString()).isEqualTo("0.000001"));
    }

    @Test
    void providersWithoutCredentialsAreNotAsked() {
        JunctionConfig startup = startup();
        CatalogHolder holder = new CatalogHolder(Catalog.from(startup));
        models.lists("hosted", "some-model");

        refresher(holder, startup).refresh();

        assertThat(models.calls).hasValue(2);
        assertThat(holder.current().model("hosted/some-model")).isEmpty();
    }

    @Test
    void aFailingSourceKeepsWhatItListedBeforeWhileOthersUpdate() {
        JunctionConfig startup = startup();
        CatalogHolder holder = new CatalogHolder(Catalog.from(startup));
        CatalogRefresher refresher = refresher(holder, startup);
        models.lists("local", "a");
        models.lists("other", "b:1b");
        refresher.refresh();

        models.fails("local");
        models.lists("other", "b:1b", "c:2b");
        RefreshReport report = refresher.refresh();

        assertThat(report.discoveryErrors()).containsOnlyKeys("local");
        assertThat(report.discoveryErrors().get("local")).startsWith("local: GET").doesNotContain("Bearer");
        assertThat(report.catalogChanged()).isTrue();
        assertThat(holder.current().model("local/a")).isPresent();
        assertThat(holder.current().model("other/c:2b")).isPresent();

        models.lists("other", "b:1b", "c:2b");
        RefreshReport unchanged = refresher.refresh();
        assertThat(unchanged.catalogChanged()).isFalse();
        assertThat(holder.current().model("local/a")).isPresent();
    }

    @Test
    void anUnchangedRefreshKeepsTheSameCatalogInstance() {
        JunctionConfig startup = startup();
        Catalog initial = Catalog.from(startup);
        CatalogHolder holder = new CatalogHolder(initial);

        RefreshReport report = refresher(holder, startup).refresh();

        assertThat(report.catalogChanged()).isFalse();
        assertThat(holder.current()).isSameAs(initial);
    }

    @Test
    void aChangedConfigurationSwapsPricesAndModels() {
        JunctionConfig startup = startup();
        CatalogHolder holder = new CatalogHolder(Catalog.from(startup));
        CatalogRefresher refresher = refresher(holder, startup);

        config.edit(BASE.replace("0.000001", "0.000005") + """
                  test/added:
                    endpoints:
                      - {provider: other, upstream-model: added}
                """);
        RefreshReport report = refresher.refresh();

        assertThat(report.configReloaded()).isTrue();
        assertThat(report.configError()).isEmpty();
        assertThat(report.catalogChanged()).isTrue();
        assertThat(holder.current().model("test/priced").orElseThrow().endpoints().getFirst().pricing().prompt().toPlainString())
                .isEqualTo("0.000005");
        assertThat(holder.current().model("test/added")).isPresent();
    }

    @Test
    void anEditedAliasAppliesOnTheNextRefresh() {
        JunctionConfig startup = startup();
        CatalogHolder holder = new CatalogHolder(Catalog.from(startup));
        CatalogRefresher refresher = refresher(holder, startup);

        config.edit(BASE + "aliases:\n  cheap-one: test/priced\n");
        RefreshReport report = refresher.refresh();

        assertThat(report.catalogChanged()).isTrue();
        assertThat(holder.current().canonical("cheap-one")).isEqualTo("test/priced");
    }

    @Test
    void anInvalidEditIsReportedAndIgnored() {
        JunctionConfig startup = startup();
        CatalogHolder holder = new CatalogHolder(Catalog.from(startup));
        CatalogRefresher refresher = refresher(holder, startup);
        Catalog before = holder.current();
        ConfigSource broken = () -> {
            throw new ConfigException("models.test/priced.endpoints[0].pricing.prompt: expected a decimal number");
        };
        CatalogRefresher withBrokenFile = new CatalogRefresher(holder, startup, broken, models, timer, Runnable::run, CLOCK);

        RefreshReport report = withBrokenFile.refresh();

        assertThat(report.configReloaded()).isFalse();
        assertThat(report.configError()).hasValueSatisfying(m -> assertThat(m).contains("pricing.prompt"));
        assertThat(report.catalogChanged()).isFalse();
        assertThat(holder.current()).isSameAs(before);
        assertThat(refresher.refresh().configError()).isEmpty();
    }

    @Test
    void providersAddedByAReloadServeAtOnce() {
        JunctionConfig startup = startup();
        CatalogHolder holder = new CatalogHolder(Catalog.from(startup));
        config.edit(BASE.replace("providers:\n", "providers:\n  fresh: {base-url: \"http://127.0.0.1:9999/v1\"}\n") + """
                  test/on-fresh:
                    endpoints:
                      - {provider: fresh, upstream-model: x}
                      - {provider: local, upstream-model: x}
                """);

        refresher(holder, startup).refresh();

        Model model = holder.current().model("test/on-fresh").orElseThrow();
        assertThat(model.endpoints()).extracting(e -> e.provider().id()).containsExactly("fresh", "local");
        assertThat(holder.current().providers()).containsKey("fresh");
    }

    @Test
    void startRefreshesOnceAndThenOnEveryTick() {
        JunctionConfig startup = startup();
        CatalogHolder holder = new CatalogHolder(Catalog.from(startup));
        CatalogRefresher refresher = refresher(holder, startup);
        models.lists("local", "first");

        refresher.start();

        assertThat(refresher.initialRefresh()).isCompleted();
        assertThat(timer.interval).isEqualTo(Duration.ofMinutes(5));
        assertThat(holder.current().model("local/first")).isPresent();
        models.lists("local", "second");
        timer.task.run();
        assertThat(holder.current().model("local/first")).isEmpty();
        assertThat(holder.current().model("local/second")).map(Model::routableEndpoints).hasValueSatisfying(
                e -> assertThat(e).extracting(Endpoint::upstreamModel).containsExactly("second"));

        refresher.close();
        assertThat(timer.cancelled).isTrue();
    }

    @Test
    void aZeroIntervalRefreshesOnlyAtStart() {
        JunctionConfig startup = TestConfigs.parse(BASE.replace("refresh-interval: 5m", "refresh-interval: 0s"));
        CatalogRefresher refresher = refresher(new CatalogHolder(Catalog.from(startup)), startup);

        refresher.start();

        assertThat(models.calls).hasValue(2);
        assertThat(timer.task).isNull();
    }

    @Test
    void refreshTimeIsTheInjectedClocks() {
        JunctionConfig startup = startup();
        InstantSource later = InstantSource.fixed(Instant.parse("2030-01-01T00:00:00Z"));
        RefreshReport report = new CatalogRefresher(new CatalogHolder(Catalog.from(startup)), startup, config, models,
                timer, Runnable::run, later).refresh();

        assertThat(report.at().atZone(ZoneOffset.UTC).getYear()).isEqualTo(2030);
    }
}
