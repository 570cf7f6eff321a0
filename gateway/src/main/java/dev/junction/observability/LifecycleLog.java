package dev.junction.observability;

import dev.junction.catalog.Catalog;
import dev.junction.config.JunctionConfig;
import dev.junction.config.ProviderConfig;
import dev.junction.config.StorageConfig;
import dev.junction.store.DatabaseUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * What an operator reads when the gateway starts and stops: what it loaded — the database, the providers it can
 * call, the models it can route, whether it shares state with a cluster — where it listens, and on a clean stop
 * what it waited for and what it had to cut off. Never a secret: database URLs lose their passwords, and a
 * provider's key is named by its variable only.
 */
public final class LifecycleLog {
    private static final Logger LOG = LoggerFactory.getLogger("junction");

    private LifecycleLog() {}

    public static String describe(StorageConfig storage) {
        return storage.databaseUrl()
                .map(url -> url.startsWith("jdbc:postgresql:") ? "PostgreSQL at " + DatabaseUrls.redacted(url)
                        : "SQLite at " + DatabaseUrls.redacted(url))
                .orElseGet(() -> "SQLite at " + storage.dataDir().resolve("junction.db"));
    }

    public static void storageOpened(StorageConfig storage) {
        LOG.info("storage: {} (data directory {})", describe(storage), storage.dataDir().toAbsolutePath());
    }

    public static void loaded(JunctionConfig config, Catalog catalog) {
        List<ProviderConfig> usable = config.providers().values().stream().filter(ProviderConfig::hasCredentials).toList();
        List<String> without = config.providers().values().stream().filter(p -> !p.hasCredentials())
                .map(p -> p.id() + " (" + p.apiKeyEnv().orElse("") + ")").toList();
        LOG.info("providers: {} with credentials{}{}", usable.size(),
                usable.isEmpty() ? "" : ": " + String.join(", ", usable.stream().map(ProviderConfig::id).toList()),
                without.isEmpty() ? "" : "; " + without.size() + " without, their models not routable until the key "
                        + "is set: " + String.join(", ", without));
        long routable = catalog.models().stream().filter(m -> !m.routableEndpoints().isEmpty()).count();
        LOG.info("models: {} of {} routable; default model {}; openrouter/auto {}", routable, catalog.models().size(),
                config.defaultModel().orElse("none (requests must name one)"),
                config.autoRouter().rules().isEmpty() && config.autoRouter().defaultModel().isEmpty() ? "not configured"
                        : config.autoRouter().rules().size() + " rules");
        if (routable == 0) {
            LOG.warn("no model is routable: set a provider's key (e.g. OPENAI_API_KEY) and restart; /ready answers 503");
        }
        LOG.info("cluster: {}", config.cluster().redisUrl().isPresent()
                ? "on — rate limits and credit holds shared through Redis (" + config.cluster().onOutage().name()
                        .toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " on outage)"
                : "off — one instance, rate limits and credit holds in memory");
    }

    public static void listening(String host, int port, int eventLoops) {
        LOG.info("listening on http://{}:{} ({} event loops); ready", host, port, eventLoops);
    }

    public static void stopping(long inFlight, Duration drain) {
        if (inFlight == 0) {
            LOG.info("stopping: not ready any more, no request in flight");
        } else {
            LOG.info("stopping: not ready any more, waiting up to {} s for {} request{} in flight",
                    drain.toMillis() / 1000.0, inFlight, inFlight == 1 ? "" : "s");
        }
    }

    /**
     * @param drained      what happened to the requests in flight while the stop waited
     * @param generations  generations recorded since the start
     * @param usageWritten whether every usage record reached the database (else they wait in the journal)
     */
    public static void stopped(InFlightRequests.Snapshot drained, long generations, boolean usageWritten, Duration took) {
        LOG.info("stopped in {} s: {} request{} finished while draining, {} cut off; {} generation{} recorded since "
                        + "the start, {}", took.toMillis() / 1000.0,
                drained.answered(), drained.answered() == 1 ? "" : "s", drained.cut(), generations,
                generations == 1 ? "" : "s", usageWritten ? "every usage record written to the database"
                        : "usage records not yet in the database kept in the journal for the next start");
    }
}
