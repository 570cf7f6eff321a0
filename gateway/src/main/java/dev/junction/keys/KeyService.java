package dev.junction.keys;

import dev.junction.config.RateLimit;
import dev.junction.config.KeyHash;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.junction.money.Money;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * API keys: creation (the secret is returned once and only its hash kept), lookup with a cache in front
 * of the store, update and deletion. Keys from the configuration file are accepted too. Lookups on a
 * cache hit complete at once on the calling thread; a miss reads the store off the event loop.
 *
 * <p>Each cached copy carries the {@link KeyStamps stamp} it was read under. A change made through any
 * instance of a cluster stamps the key anew before it is answered, so a copy whose stamp is no longer the
 * key's is known to be old: admission compares stamps on its own round trip ({@link #stamp}), other
 * requests through {@link #authenticateCurrent}. Changes the store gets from elsewhere (the CLI without
 * Redis configured) reach the cache within {@link #CACHE_TTL}.
 */
public final class KeyService {
    static final Duration CACHE_TTL = Duration.ofSeconds(10);

    private final KeyRepository repository;
    private final StaticKeys configKeys;
    private final Vertx vertx;
    private final InstantSource clock;
    private final KeyStamps stamps;
    private final Cache<String, Copy> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CACHE_TTL)
            .build();
    /** Reads from the store under way, by hash: a burst for one key waits for one read. */
    private final ConcurrentHashMap<String, Future<Copy>> loading = new ConcurrentHashMap<>();
    /**
     * The same for reads after an admission found a copy overtaken: those must not join a read that began
     * before the change (it could return the old state), only each other.
     */
    private final ConcurrentHashMap<String, Future<Copy>> reloading = new ConcurrentHashMap<>();

    /** A key as read from the store (empty: no such key, or deleted) and the stamp read just before it. */
    private record Copy(Optional<ApiKey> key, String stamp) {}

    public KeyService(KeyRepository repository, StaticKeys configKeys, Vertx vertx, InstantSource clock) {
        this(repository, configKeys, vertx, clock, KeyStamps.NONE);
    }

    public KeyService(KeyRepository repository, StaticKeys configKeys, Vertx vertx, InstantSource clock, KeyStamps stamps) {
        this.repository = repository;
        this.configKeys = configKeys;
        this.vertx = vertx;
        this.clock = clock;
        this.stamps = stamps;
    }

    /**
     * The key a client presented, if it exists and is not deleted (disabled keys are returned: callers
     * decide), from the cache when it is there — for requests whose admission checks the copy's stamp.
     */
    public Future<Optional<ApiKey>> authenticate(String presented) {
        return authenticate(presented, (hash, cached) -> cached.key().filter(ApiKey::disabled).isEmpty()
                ? Future.succeededFuture(cached)
                : current(hash, cached)); // a refusal is made on the key as it is now: it may have been enabled since
    }

    /**
     * The same, made sure to be current: a cached copy whose stamp is no longer the key's is read again.
     * One more round trip to the stamps in a cluster; for requests that no admission checks.
     */
    public Future<Optional<ApiKey>> authenticateCurrent(String presented) {
        return authenticate(presented, this::current);
    }

    private Future<Copy> current(String hash, Copy cached) {
        if (cached.key().isEmpty()) {
            return Future.succeededFuture(cached); // unknown or deleted: no change can make it a key again
        }
        return stamps.isCurrent(hash, cached.stamp()).compose(current -> current ? Future.succeededFuture(cached) : load(hash));
    }

    private Future<Optional<ApiKey>> authenticate(String presented, BiFunction<String, Copy, Future<Copy>> whenCached) {
        String hash = KeyHash.sha256Hex(presented);
        Optional<ApiKey> configured = configKeys.authenticateHash(hash);
        if (configured.isPresent()) {
            return Future.succeededFuture(configured);
        }
        Copy cached = cache.getIfPresent(hash);
        Future<Copy> copy = cached == null ? load(hash) : whenCached.apply(hash, cached);
        return copy.map(c -> c.key().filter(k -> sameHash(k, hash)));
    }

    /**
     * The key read again from the store, after an admission found the copy it was given overtaken; fails
     * with {@link KeyRefusedException} if it is now deleted or disabled.
     */
    public Future<ApiKey> reload(String hash) {
        return load(hash, reloading).map(c -> usable(c.key()));
    }

    /** The key, unless there is none or it is disabled: then {@link KeyRefusedException} (401). */
    public static ApiKey usable(Optional<ApiKey> found) {
        ApiKey key = found.orElseThrow(KeyRefusedException::unknown);
        if (key.disabled()) {
            throw KeyRefusedException.disabled();
        }
        return key;
    }

    /**
     * The stamp the admission of a request with {@code key} checks: the stamp of the cached copy if that
     * copy is this key, {@link KeyStamps#UNKNOWN} if the cache holds no such copy (it will be read again),
     * {@link KeyStamps#UNCHECKED} for a key from the configuration file, which no one can change, and on a
     * single instance.
     */
    public String stamp(ApiKey key) {
        if (stamps == KeyStamps.NONE || configKeys.contains(key.hash())) {
            return KeyStamps.UNCHECKED;
        }
        Copy cached = cache.getIfPresent(key.hash());
        return cached != null && cached.key().filter(key::equals).isPresent() ? cached.stamp() : KeyStamps.UNKNOWN;
    }

    /**
     * Reads the stamp, then the key (in that order: see {@link KeyStamps}), and caches both. A key that has
     * no stamp yet gets one, and is read again under it; a hash that is no key gets none (unknown keys make
     * no writes to the shared store).
     */
    private Future<Copy> load(String hash) {
        return load(hash, loading);
    }

    private Future<Copy> load(String hash, ConcurrentHashMap<String, Future<Copy>> inFlight) {
        Future<Copy> running = inFlight.get(hash);
        if (running != null) {
            return running;
        }
        Promise<Copy> promise = Promise.promise();
        running = inFlight.putIfAbsent(hash, promise.future());
        if (running != null) {
            return running;
        }
        stamps.peek(hash)
                .compose(stamp -> read(hash, stamp))
                .compose(copy -> copy.key().isEmpty() || !copy.stamp().equals(KeyStamps.NO_STAMP) ? Future.succeededFuture(copy)
                        : stamps.ensure(hash).compose(stamp -> read(hash, stamp)))
                .onSuccess(copy -> cache.put(hash, copy))
                .onComplete(result -> {
                    inFlight.remove(hash, promise.future());
                    promise.handle(result);
                });
        return promise.future();
    }

    private Future<Copy> read(String hash, String stamp) {
        return vertx.executeBlocking(() -> {
            Optional<ApiKey> found = repository.find(hash);
            return new Copy(found, found.isPresent() ? stamp : KeyStamps.UNCHECKED);
        }, false);
    }

    /** Creates a key; the returned secret is the only time it exists outside the client. Blocking. */
    public CreatedKey create(String accountId, String name, KeyKind kind, Optional<Money> limit,
                             Optional<LimitReset> limitReset, boolean includeByokInLimit) {
        return create(accountId, name, kind, limit, limitReset, includeByokInLimit, Optional.empty());
    }

    /**
     * The same, with the key's own request rate limit. Blocking. A new key needs no announcing: no instance
     * can hold a copy of a key whose secret did not exist.
     */
    public CreatedKey create(String accountId, String name, KeyKind kind, Optional<Money> limit,
                             Optional<LimitReset> limitReset, boolean includeByokInLimit, Optional<RateLimit> rateLimit) {
        return create(accountId, name, kind, limit, limitReset, includeByokInLimit, rateLimit, Optional.empty());
    }

    /** The same, in the workspace {@code workspaceId} (empty: the account's default one), which the caller checked. Blocking. */
    public CreatedKey create(String accountId, String name, KeyKind kind, Optional<Money> limit,
                             Optional<LimitReset> limitReset, boolean includeByokInLimit, Optional<RateLimit> rateLimit,
                             Optional<String> workspaceId) {
        CreatedKey minted = KeyFactory.mint(accountId, name, kind, limit, limitReset, includeByokInLimit, rateLimit,
                clock.instant());
        CreatedKey created = new CreatedKey(minted.key().inWorkspace(workspaceId.orElseGet(() -> DefaultWorkspace.id(accountId))),
                minted.secret());
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

    /** The workspace the key of that hash spends (or spent) in: a generation's workspace is its key's. Blocking. */
    public String workspaceOf(String hash, String accountId) {
        return repository.workspaceOf(hash).orElseGet(() -> DefaultWorkspace.id(accountId));
    }

    /** The account's keys spending in the workspace. Blocking. */
    public List<ApiKey> list(String accountId, String workspaceId, int offset, int limit) {
        return repository.list(accountId, workspaceId, workspaceId.equals(DefaultWorkspace.id(accountId)), offset, limit);
    }

    /**
     * Stores the changed key and gives it a new stamp; completes once every instance will apply the change
     * to its next request.
     */
    public Future<ApiKey> update(ApiKey changed) {
        return vertx.executeBlocking(() -> {
            ApiKey stamped = new ApiKey(changed.hash(), changed.accountId(), changed.name(), changed.label(), changed.kind(),
                    changed.disabled(), changed.limit(), changed.limitReset(), changed.includeByokInLimit(),
                    changed.createdAt(), Optional.of(clock.instant()), changed.rateLimit(), changed.workspaceId());
            repository.update(stamped);
            return stamped;
        }, false).compose(stamped -> announce(stamped.hash()).map(stamped));
    }

    /** Deletes the key; completes once no instance accepts it any more. */
    public Future<Boolean> delete(String hash) {
        return vertx.executeBlocking(() -> repository.delete(hash), false)
                .compose(deleted -> announce(hash).map(deleted));
    }

    private Future<Void> announce(String hash) {
        cache.invalidate(hash);
        // Dropped again once stamped: a read between the store write and the new stamp may have cached
        // the new state under the old stamp (harmless, as admission would reload it, but a wasted trip).
        return stamps.changed(hash).onComplete(done -> cache.invalidate(hash));
    }

    private static boolean sameHash(ApiKey key, String hash) {
        return MessageDigest.isEqual(HexFormat.of().parseHex(key.hash()), HexFormat.of().parseHex(hash));
    }

    /** A new key and its secret. */
    public record CreatedKey(ApiKey key, String secret) {}
}
