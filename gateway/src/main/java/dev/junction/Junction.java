package dev.junction;

import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.LocalCreditLedger;
import dev.junction.accounting.RecentGenerations;
import dev.junction.accounting.GenerationSink;
import dev.junction.api.ApiVerticle;
import dev.junction.api.Services;
import dev.junction.catalog.Catalog;
import dev.junction.catalog.CatalogHolder;
import dev.junction.catalog.discovery.CatalogRefresher;
import dev.junction.cluster.DatabaseProbe;
import dev.junction.cluster.RedisKeyStamps;
import dev.junction.cluster.RedisLedger;
import dev.junction.cluster.SharedRedis;
import dev.junction.cluster.SharedService;
import dev.junction.config.ClusterConfig;
import dev.junction.config.ConfigSource;
import dev.junction.config.JunctionConfig;
import dev.junction.keys.KeyService;
import dev.junction.keys.KeyStamps;
import dev.junction.keys.StaticKeys;
import dev.junction.limits.Admission;
import dev.junction.limits.LocalAdmission;
import dev.junction.limits.LocalRateLimiter;
import dev.junction.limits.RateLimits;
import dev.junction.observability.InFlightRequests;
import dev.junction.observability.LifecycleLog;
import dev.junction.observability.LogFormat;
import dev.junction.observability.Telemetry;
import dev.junction.api.ManagementServer;
import dev.junction.routing.AutoRouter;
import dev.junction.routing.EndpointHealth;
import dev.junction.routing.FallbackExecutor;
import dev.junction.routing.Router;
import dev.junction.store.Store;
import dev.junction.store.Stores;
import dev.junction.teams.AuditLog;
import dev.junction.teams.ByokCipher;
import dev.junction.teams.ByokKeys;
import dev.junction.teams.Guardrails;
import dev.junction.teams.Workspaces;
import dev.junction.teams.Presets;
import dev.junction.web.DashboardAssets;
import dev.junction.wire.RequestParser;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wires the gateway by hand, in one place: config → store → catalog → keys → ledger → router → HTTP.
 * No container, no scanning. {@link #start} returns once every event loop is listening.
 */
public final class Junction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Junction.class);
    /** How often credits granted outside this process (the CLI) are picked up. */
    private static final long CREDIT_REFRESH_MILLIS = 5_000;

    private final Vertx vertx;
    private final Services services;
    private final AtomicBoolean accepting;
    private final int port;
    private final int managementPort;
    private final CatalogRefresher refresher;

    private final List<Runnable> closers;
    private final String deployment;
    private final InFlightRequests inFlight;
    private final LongAdder recorded;

    private Junction(Vertx vertx, Services services, AtomicBoolean accepting, int port, int managementPort,
                     CatalogRefresher refresher, List<Runnable> closers, String deployment, InFlightRequests inFlight,
                     LongAdder recorded) {
        this.managementPort = managementPort;
        this.closers = closers;
        this.vertx = vertx;
        this.services = services;
        this.accepting = accepting;
        this.port = port;
        this.refresher = refresher;
        this.deployment = deployment;
        this.inFlight = inFlight;
        this.recorded = recorded;
    }

    public static Junction start(JunctionConfig config) {
        return start(config, InstantSource.system());
    }

    public static Junction start(JunctionConfig config, InstantSource clock) {
        return start(config, clock, ConfigSource.unchanging());
    }

    /** {@code source} is asked on every catalog refresh whether the configuration changed (serve --config). */
    public static Junction start(JunctionConfig config, InstantSource clock, ConfigSource source) {
        LogFormat.use(config.logging().format());
        int loops = config.server().eventLoops() > 0 ? config.server().eventLoops()
                : Runtime.getRuntime().availableProcessors();
        Store store;
        try {
            store = Stores.open(config.storage(), clock);
        } catch (RuntimeException e) {
            throw StartupException.opening("the database (" + LifecycleLog.describe(config.storage()) + ")", e);
        }
        LifecycleLog.storageOpened(config.storage());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(false));
        List<Runnable> closers = new ArrayList<>();
        CatalogHolder catalogs = new CatalogHolder(Catalog.from(config));
        Catalog catalog = catalogs.current();
        EndpointHealth health = new EndpointHealth(clock, config.routing());
        Optional<SharedRedis> redis = config.cluster().redisUrl().map(url -> SharedRedis.connect(vertx, config.cluster()));
        KeyStamps stamps = redis.<KeyStamps>map(RedisKeyStamps::new).orElse(KeyStamps.NONE);
        KeyService keys = new KeyService(store.keys(), new StaticKeys(config.keys()), vertx, clock, stamps);
        boolean enforceBalance = config.accounting().enforceBalance();
        LocalCreditLedger localLedger = new LocalCreditLedger(vertx, store.usage(), clock, enforceBalance);
        LocalRateLimiter localLimiter = new LocalRateLimiter(clock);
        CreditLedger ledger;
        Admission admission;
        List<SharedService> shared = new ArrayList<>();
        if (redis.isPresent()) {
            RedisLedger cluster = new RedisLedger(vertx, redis.get(), keys, store.usage(), clock, enforceBalance, localLedger,
                    localLimiter);
            store.onDrained(cluster::drained);
            ledger = cluster;
            admission = cluster;
            shared.add(redis.get());
            closers.add(cluster::close);
            closers.add(redis.get()::close);
        } else {
            ledger = localLedger;
            admission = new LocalAdmission(localLimiter, localLedger);
        }
        if (config.storage().databaseUrl().filter(u -> u.startsWith("jdbc:postgresql:")).isPresent()) {
            DatabaseProbe probe = new DatabaseProbe(vertx, store, config.cluster().onOutage() == ClusterConfig.OnOutage.FAIL_OPEN).start();
            shared.add(probe);
            closers.add(probe::close);
        }
        RecentGenerations recent = new RecentGenerations(10_000);
        store.onDrained(batch -> recent.forget(batch.generations()));
        LongAdder recorded = new LongAdder();
        GenerationSink records = generation -> {
            recent.record(generation);
            store.recorder().record(generation);
            recorded.increment();
        };
        CatalogRefresher refresher = CatalogRefresher.forGateway(vertx, catalogs, config, source, clock);
        Telemetry telemetry = Telemetry.start(config);
        telemetry.watch(vertx, catalogs, health, refresher, store.recorder(), redis);
        closers.add(telemetry::close);
        Services services = new Services(config, catalogs, new Router(catalogs, health, new AutoRouter(config.autoRouter())),
                new FallbackExecutor(health), new RequestParser(config.defaultModel()), keys, ledger, admission,
                new RateLimits(config.limits(), enforceBalance, ledger, System::nanoTime), records, recent,
                store, clock, List.copyOf(shared), refresher::lastReport, DashboardAssets.load(), telemetry,
                new Guardrails(store.guardrails(), vertx, clock), new AuditLog(store.audit(), clock),
                new Presets(store.presets(), vertx, clock),
                new ByokKeys(store.byok(), config.byok().encryptionKey().map(ByokCipher::new), vertx, clock),
                new Workspaces(store.workspaces(), store.keys(), ledger, clock));
        AtomicBoolean accepting = new AtomicBoolean(false);
        InFlightRequests inFlight = new InFlightRequests();
        Queue<ApiVerticle> verticles = new ConcurrentLinkedQueue<>();
        String deployment;
        int managementPort = -1;
        try {
            Future<String> deployed = vertx.deployVerticle(() -> {
                ApiVerticle v = new ApiVerticle(services, accepting::get, inFlight);
                verticles.add(v);
                return v;
            }, new DeploymentOptions().setInstances(loops));
            deployment = deployed.await();
            if (config.metrics().port().isPresent() && telemetry.metrics().isPresent()) {
                ManagementServer management = ManagementServer.start(vertx, telemetry.metrics().get(), config.metrics()).await();
                managementPort = management.port();
                // before the telemetry closes (closers run in order)
                closers.addFirst(() -> management.close().await());
            }
        } catch (Exception e) { // await() rethrows the failure as it is: a BindException is a checked exception
            refresher.close();
            closers.forEach(Runnable::run);
            vertx.close().await();
            store.close();
            throw StartupException.listening(config.server(), e);
        }
        vertx.setPeriodic(CREDIT_REFRESH_MILLIS, id -> vertx.executeBlocking(() -> {
            ledger.refreshCreditsBlocking();
            return null;
        }, false));
        accepting.set(true);
        int port = verticles.peek().actualPort();
        LifecycleLog.loaded(config, catalog);
        LifecycleLog.listening(config.server().host(), port, loops);
        refresher.start();
        return new Junction(vertx, services, accepting, port, managementPort, refresher, closers, deployment, inFlight,
                recorded);
    }

    public int port() {
        return port;
    }

    /** The management port serving {@code /metrics}; empty when metrics are served on the API port. */
    public java.util.OptionalInt managementPort() {
        return managementPort < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(managementPort);
    }

    public Services services() {
        return services;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Re-reads the configuration and discovered models; tests call {@link CatalogRefresher#refresh()}. */
    public CatalogRefresher catalogRefresher() {
        return refresher;
    }

    /**
     * Stops cleanly: reports not ready, stops listening, lets the requests in flight finish for up to
     * {@code server.drain-timeout} (they still settle through the ledger, so it closes after them), then flushes
     * every recorded generation to the store — and says what it waited for.
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        accepting.set(false);
        InFlightRequests.Snapshot before = inFlight.snapshot();
        LifecycleLog.stopping(before.open(), services.config().server().drainTimeout());
        refresher.close();
        try {
            vertx.undeploy(deployment).await();
        } catch (Exception e) { // await() rethrows the failure as it is, checked or not
            LOG.warn("the HTTP servers did not stop cleanly: {}", e.toString());
        }
        closers.forEach(Runnable::run);
        vertx.close().await();
        // Counted only now: a request's end is counted by a handler its event loop runs after the answer is
        // written, which can come after the server's shutdown completed; once Vert.x is closed, every request
        // has been counted one way or the other.
        InFlightRequests.Snapshot drained = inFlight.snapshot().since(before);
        services.store().close();
        LifecycleLog.stopped(drained, recorded.sum(), services.store().recorder().drained(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
