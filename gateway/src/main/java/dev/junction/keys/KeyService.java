package dev.junction.keys;

import dev.junction.config.RateLimit;
import dev.junction.config.KeyHash;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.junction.money.Money;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API keys: creation (the secret is returned once and only its hash kept), lookup with a cache in front
 * of the store, update and deletion. Keys from the configuration file are accepted too. Lookups on a
 * cache hit complete at once on the calling thread; a miss reads the store off the event loop.
 * Changes made through this service take effect immediately; the store's own changes made by another
 * process (the CLI) within {@link #CACHE_TTL}.
 */
public final class KeyService {
    static final Duration CACHE_TTL = Duration.ofSeconds(10);

    private final KeyRepository repository;
    private final StaticKeys configKeys;
    private final Vertx vertx;
    private final InstantSource clock;
    private final Cache<String, Optional<ApiKey>> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CACHE_TTL)
            .build();

    public KeyService(KeyRepository repository, StaticKeys configKeys, Vertx vertx, InstantSource clock) {
        this.repository = repository;
        this.configKeys = configKeys;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** The key a client presented, if it exists and is not deleted (disabled keys are returned: callers decide). */
    public Future<Optional<ApiKey>> authenticate(String presented) {
        Optional<ApiKey> configured = configKeys.authenticate(presented);
        if (configured.isPresent()) {
            return Future.succeededFuture(configured);
        }
        String hash = KeyHash.sha256Hex(presented);
        Optional<ApiKey> cached = cache.getIfPresent(hash);
        if (cached != null) {
            return Future.succeededFuture(cached.filter(k -> sameHash(k, hash)));
        }
        return vertx.executeBlocking(() -> repository.find(hash), false).map(found -> {
            cache.put(hash, found);
            return found.filter(k -> sameHash(k, hash));
        });
    }

    /** Creates a key; the returned secret is the only time it exists outside the client. Blocking. */
    public CreatedKey create(String accountId, String name, KeyKind kind, Optional<Money> limit,
                             Optional<LimitReset> limitReset, boolean includeByokInLimit) {
        return create(accountId, name, kind, limit, limitReset, includeByokInLimit, Optional.empty());
    }

    /** The same, with the key's own request rate limit. Blocking. */
    public CreatedKey create(String accountId, String name, KeyKind kind, Optional<Money> limit,
                             Optional<LimitReset> limitReset, boolean includeByokInLimit, Optional<RateLimit> rateLimit) {
        CreatedKey created = KeyFactory.mint(accountId, name, kind, limit, limitReset, includeByokInLimit, rateLimit,
                clock.instant());
        repository.insert(created.key());
        cache.invalidate(created.key().hash());
        return created;
    }

    /** Blocking. */
    public Optional<ApiKey> find(String hash) {
        return repository.find(hash);
    }

    /** Blocking. */
    public List<ApiKey> list(String accountId, int offset, int limit) {
        return repository.list(accountId, offset, limit);
    }

    /** Stores the changed key and drops the cached copy, so the change applies to the next request. Blocking. */
    public ApiKey update(ApiKey changed) {
        ApiKey stamped = new ApiKey(changed.hash(), changed.accountId(), changed.name(), changed.label(), changed.kind(),
                changed.disabled(), changed.limit(), changed.limitReset(), changed.includeByokInLimit(),
                changed.createdAt(), Optional.of(clock.instant()), changed.rateLimit());
        repository.update(stamped);
        cache.invalidate(changed.hash());
        return stamped;
    }

    /** Blocking. */
    public boolean delete(String hash) {
        boolean deleted = repository.delete(hash);
        cache.invalidate(hash);
        return deleted;
    }

    private static boolean sameHash(ApiKey key, String hash) {
        return MessageDigest.isEqual(HexFormat.of().parseHex(key.hash()), HexFormat.of().parseHex(hash));
    }

    /** A new key and its secret. */
    public record CreatedKey(ApiKey key, String secret) {}
}
