package dev.junction.teams;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.junction.keys.ApiKey;
import dev.junction.store.ByokRepository;
import dev.junction.store.StoredByokKey;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Bring-your-own-key provider credentials of an account: stored sealed ({@link ByokCipher}), never returned after
 * creation (a masked label instead), and opened for the requests of the account's keys — cached per key for
 * {@link #CACHE_TTL}. Methods returning plain values block: call them off the event loop.
 */
public final class ByokKeys {
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private final ByokRepository repository;
    private final Optional<ByokCipher> cipher;
    private final Vertx vertx;
    private final InstantSource clock;
    private final Cache<String, Map<String, String>> byKey = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CACHE_TTL)
            .build();

    /** @param cipher empty when no {@code byok.encryption-key} is configured: no entry can then be made or used */
    public ByokKeys(ByokRepository repository, Optional<ByokCipher> cipher, Vertx vertx, InstantSource clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** BYOK cannot work: not configured, or a stored secret does not open. The gateway's fault: a 503 saying what to do. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message) {
            super(message, null, false, false);
        }

        static UnavailableException notConfigured() {
            return new UnavailableException("BYOK is not configured on this gateway: set byok.encryption-key (or "
                    + "JUNCTION_BYOK_ENCRYPTION_KEY) to 32 bytes in base64, e.g. from 'openssl rand -base64 32', and restart");
        }
    }

    /**
     * The key's provider credentials for its requests, by provider id: the account's entries that are not disabled and
     * whose {@code allowed_api_key_hashes} (when set) list the key; of several for one provider, the oldest.
     */
    public Future<Map<String, String>> forKey(ApiKey key) {
        if (cipher.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        Map<String, String> cached = byKey.getIfPresent(key.hash());
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return vertx.executeBlocking(() -> {
            Map<String, String> found = new HashMap<>();
            for (StoredByokKey k : repository.list(key.accountId(), 0, 1000)) {
                JsonNode settings = Json.parse(k.settingsJson());
                boolean allowed = !settings.path("allowed_api_key_hashes").isArray()
                        || settings.get("allowed_api_key_hashes").valueStream().anyMatch(h -> h.asString("").equals(key.hash()));
                if (!settings.path("disabled").asBoolean(false) && allowed && !found.containsKey(k.provider())) {
                    found.put(k.provider(), open(k));
                }
            }
            Map<String, String> result = Map.copyOf(found);
            byKey.put(key.hash(), result);
            return result;
        }, false);
    }

    private String open(StoredByokKey k) {
        try {
            return cipher.orElseThrow().open(k.id(), k.sealedSecret());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UnavailableException("The BYOK key " + k.id() + " cannot be decrypted: was byok.encryption-key changed? "
                    + "Set the key it was stored under, or delete and add it again");
        }
    }

    /** Seals and stores a credential. Blocking. */
    public StoredByokKey create(String accountId, String provider, Optional<String> name, String secret, ObjectNode settings) {
        ByokCipher c = cipher.orElseThrow(UnavailableException::notConfigured);
        String id = UUID.randomUUID().toString();
        StoredByokKey k = new StoredByokKey(id, accountId, provider, name, mask(secret), c.seal(id, secret),
                Json.text(settings), now(), Optional.empty());
        repository.insert(k);
        byKey.invalidateAll();
        return k;
    }

    /** Changes name and settings, and the secret when one is given. Blocking. */
    public StoredByokKey update(StoredByokKey k, Optional<String> name, Optional<String> secret, ObjectNode settings) {
        String sealed = k.sealedSecret();
        String label = k.label();
        if (secret.isPresent()) {
            sealed = cipher.orElseThrow(UnavailableException::notConfigured).seal(k.id(), secret.get());
            label = mask(secret.get());
        }
        StoredByokKey changed = new StoredByokKey(k.id(), k.accountId(), k.provider(), name, label, sealed,
                Json.text(settings), k.createdAt(), Optional.of(now()));
        repository.update(changed);
        byKey.invalidateAll();
        return changed;
    }

    /** Blocking. */
    public void delete(StoredByokKey k) {
        repository.delete(k.id());
        byKey.invalidateAll();
    }

    /** The account's entry of that id. Blocking. */
    public Optional<StoredByokKey> find(String accountId, String id) {
        return repository.find(id).filter(k -> k.accountId().equals(accountId));
    }

    /** Blocking. */
    public List<StoredByokKey> list(String accountId, int offset, int limit) {
        return repository.list(accountId, offset, limit);
    }

    /** Blocking. */
    public int count(String accountId) {
        return repository.count(accountId);
    }

    /** Enough of a secret to recognise it, never enough to use: its first and last characters. */
    static String mask(String secret) {
        return secret.length() < 12 ? "…" : secret.substring(0, 4) + "…" + secret.substring(secret.length() - 3);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
