package dev.junction.catalog.discovery;

import dev.junction.catalog.Catalog;
import dev.junction.catalog.CatalogHolder;
import dev.junction.catalog.Model;
import dev.junction.config.ConfigException;
import dev.junction.config.ConfigSource;
import dev.junction.config.EndpointConfig;
import dev.junction.config.JunctionConfig;
import dev.junction.config.ModelConfig;
import dev.junction.config.ProviderConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the catalog current without a restart: on start and every {@code catalog.refresh-interval} it
 * re-reads the configuration if its file changed, asks every provider with {@code discovery} set (and the
 * credentials to ask) for its models, merges them ({@link DiscoveryMerge}) and swaps the result into the
 * {@link CatalogHolder} when it differs from the catalog in force.
 *
 * <p>Failures never shrink the catalog: an invalid configuration edit is logged and ignored, and a provider
 * whose list cannot be read keeps the models it listed last time.
 *
 * <p>What a reload changes is the catalog: providers, models, endpoints and prices (each event loop makes a
 * provider's client from the endpoint's configuration on first use, and remakes it when that changes). The
 * server, upstream, auth and routing sections take effect at the next restart; that is logged.
 */
public final class CatalogRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRefresher.class);

    private final CatalogHolder holder;
    private final JunctionConfig startup;
    private Map<String, ProviderConfig> providers;
    private final ConfigSource source;
    private final ModelSource models;
    private final Scheduler scheduler;
    private final Executor background;
    private final InstantSource clock;
    private final Runnable release;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Map<String, List<DiscoveredModel>> lastListed = new LinkedHashMap<>();
    private final AtomicReference<RefreshReport> lastReport = new AtomicReference<>();
    private final List<java.util.function.Consumer<RefreshReport>> refreshListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private JunctionConfig config;
    private Map<String, ModelConfig> applied;
    private Runnable cancelTimer = () -> {};

    /**
     * @param holder     holds the catalog built from {@code startup}; refreshes replace it
     * @param startup    the configuration the gateway started with; its providers stay in force
     * @param source     asked on every refresh whether the configuration changed
     * @param models     lists a provider's models
     * @param scheduler  runs the periodic refresh
     * @param background where scheduled refreshes run; it must not be an event loop
     */
    public CatalogRefresher(CatalogHolder holder, JunctionConfig startup, ConfigSource source, ModelSource models,
                            Scheduler scheduler, Executor background, InstantSource clock) {
        this(holder, startup, source, models, scheduler, background, clock, () -> {});
    }

    private CatalogRefresher(CatalogHolder holder, JunctionConfig startup, ConfigSource source, ModelSource models,
                             Scheduler scheduler, Executor background, InstantSource clock, Runnable release) {
        this.holder = holder;
        this.startup = startup;
        this.providers = startup.providers();
        this.source = source;
        this.models = models;
        this.scheduler = scheduler;
        this.background = background;
        this.clock = clock;
        this.release = release;
        this.config = startup;
        this.applied = startup.models();
    }

    /** The gateway's refresher: discovery over HTTP, Vert.x timers, refreshes on virtual threads. */
    public static CatalogRefresher forGateway(Vertx vertx, CatalogHolder holder, JunctionConfig config,
                                              ConfigSource source, InstantSource clock) {
        HttpModelSource http = new HttpModelSource(config.upstream().connectTimeout(), config.catalog().discoveryTimeout());
        Executor virtualThreads = task -> Thread.ofVirtual().name("junction-catalog-refresh").start(task);
        return new CatalogRefresher(holder, config, source, http, Scheduler.vertx(vertx), virtualThreads, clock,
                http::close);
    }

    /** Refreshes once now, in the background, then every {@code catalog.refresh-interval} unless it is 0. */
    public void start() {
        background.execute(() -> {
            try {
                tick();
            } finally {
                started.complete(null);
            }
        });
        if (!startup.catalog().refreshInterval().isZero()) {
            cancelTimer = scheduler.every(startup.catalog().refreshInterval(), () -> background.execute(this::tick));
        }
    }

    /**
     * Completes when the refresh at start has finished, successfully or not: from then on the catalog holds
     * what discovery found (start does not wait for it, so that a slow provider cannot delay serving).
     */
    public CompletableFuture<Void> initialRefresh() {
        return started;
    }

    /** A scheduled refresh; skipped while another is still running, so a slow provider cannot pile them up. */
    private void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.error("catalog refresh failed; the catalog in force stays", e);
        } finally {
            ticking.set(false);
        }
    }

    /**
     * Re-reads the configuration if it changed, re-runs discovery and swaps in the new catalog. Blocks until
     * done (one refresh at a time); never call it on an event loop.
     */
    public RefreshReport refresh() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("a catalog refresh blocks; run it off the event loops");
        }
        lock.lock();
        try {
            boolean reloaded = false;
            Optional<String> configError = Optional.empty();
            try {
                Optional<JunctionConfig> changed = source.changed();
                if (changed.isPresent()) {
                    warnAboutRestartOnlyChanges(changed.get());
                    config = changed.get();
                    providers = config.providers();
                    reloaded = true;
                    LOG.info("configuration reloaded: {} models configured", config.models().size());
                }
            } catch (ConfigException e) {
                configError = Optional.of(e.getMessage());
                LOG.warn("configuration change ignored, the previous configuration stays in force: {}", e.getMessage());
            }
            Map<String, String> errors = discover();
            List<DiscoveryMerge.ProviderModels> listed = new ArrayList<>();
            lastListed.forEach((id, found) -> listed.add(new DiscoveryMerge.ProviderModels(providers.get(id), found)));
            Map<String, ModelConfig> next = DiscoveryMerge.merge(config.models(), listed);
            boolean changed = !next.equals(applied) || !config.aliases().equals(holder.current().aliases());
            if (changed) {
                holder.replace(build(next));
                applied = next;
            }
            Catalog current = holder.current();
            int routable = (int) current.models().stream().filter(m -> !m.routableEndpoints().isEmpty()).count();
            if (changed) {
                LOG.info("catalog updated: {} models, {} routable", current.models().size(), routable);
            }
            RefreshReport report = new RefreshReport(clock.instant(), reloaded, configError, Map.copyOf(errors), changed,
                    current.models().size(), routable);
            lastReport.set(report);
            refreshListeners.forEach(listener -> listener.accept(report));
            return report;
        } finally {
            lock.unlock();
        }
    }

    /** What the latest refresh did — when, and what failed — for the dashboard's health page; empty before the first. */
    public Optional<RefreshReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    /** {@code listener} is told of every refresh once it is done (metrics count them). */
    public void onRefresh(java.util.function.Consumer<RefreshReport> listener) {
        refreshListeners.add(listener);
    }

    /** Asks every discovering provider at once; a failure keeps that provider's previous list. */
    private Map<String, String> discover() {
        Map<String, Future<List<DiscoveredModel>>> pending = new LinkedHashMap<>();
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProviderConfig provider : providers.values()) {
                // Without credentials its endpoints are not routable, so there is nothing to ask for.
                if (provider.discovery() != ProviderConfig.Discovery.NONE && provider.hasCredentials()) {
                    pending.put(provider.id(), each.submit(() -> models.list(provider)));
                }
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        pending.forEach((id, result) -> {
            try {
                List<DiscoveredModel> found = result.get();
                lastListed.put(id, List.copyOf(found));
                LOG.debug("{} lists {} models", id, found.size());
            } catch (ExecutionException e) {
                String message = e.getCause() instanceof DiscoveryException d ? d.getMessage()
                        : id + ": " + e.getCause();
                errors.put(id, message);
                LOG.warn("model discovery failed, keeping the {} models {} listed before: {}",
                        lastListed.getOrDefault(id, List.of()).size(), id, message);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.put(id, id + ": interrupted");
            }
        });
        return errors;
    }

    private Catalog build(Map<String, ModelConfig> configs) {
        Map<String, Model> built = new LinkedHashMap<>();
        configs.forEach((slug, mc) -> built.put(slug, Catalog.build(mc, providers)));
        return new Catalog(built, providers, config.aliases());
    }

    private void warnAboutRestartOnlyChanges(JunctionConfig next) {
        List<String> sections = new ArrayList<>();
        if (!next.server().equals(startup.server())) {
            sections.add("server");
        }
        if (!next.upstream().equals(startup.upstream())) {
            sections.add("upstream");
        }
        if (!next.keys().equals(startup.keys()) || !next.oauth().equals(startup.oauth())) {
            sections.add("auth");
        }
        if (!next.defaultModel().equals(startup.defaultModel())) {
            sections.add("default-model");
        }
        if (!next.routing().equals(startup.routing()) || !next.autoRouter().equals(startup.autoRouter())) {
            sections.add("routing");
        }
        if (!next.catalog().refreshInterval().equals(startup.catalog().refreshInterval())
                || !next.catalog().discoveryTimeout().equals(startup.catalog().discoveryTimeout())) {
            sections.add("catalog.refresh-interval and catalog.discovery-timeout");
        }
        if (!sections.isEmpty()) {
            LOG.warn("changes to {} take effect after a restart", String.join(", ", sections));
        }
    }

    @Override
    public void close() {
        cancelTimer.run();
        release.run();
    }
}
