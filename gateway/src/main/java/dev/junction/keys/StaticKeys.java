package dev.junction.keys;

import dev.junction.config.KeyHash;
import dev.junction.config.KeyConfig;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys defined in the configuration file, kept only as SHA-256 hashes. They belong to the default
 * account, call models, and have no spending limit of their own. A presented key is hashed and looked
 * up by its hash; the final comparison is constant-time so the lookup leaks nothing through timing.
 */
public final class StaticKeys {
    public static final String DEFAULT_ACCOUNT = "default";

    private final Map<String, ApiKey> byHash = new HashMap<>();

    public StaticKeys(List<KeyConfig> keys) {
        Instant loaded = Instant.now();
        for (KeyConfig key : keys) {
            byHash.put(key.sha256Hex(), new ApiKey(key.sha256Hex(), DEFAULT_ACCOUNT, key.name(), key.name(),
                    KeyKind.STANDARD, false, Optional.empty(), Optional.empty(), false, loaded, Optional.empty(), Optional.empty()));
        }
    }

    /** Whether {@code hash} is a configured key's. */
    public boolean contains(String hash) {
        return byHash.containsKey(hash);
    }

    public Optional<ApiKey> authenticate(String presentedKey) {
        return authenticateHash(KeyHash.sha256Hex(presentedKey));
    }

    /** The same for a presented key already hashed (a caller that needs the hash anyway hashes once). */
    public Optional<ApiKey> authenticateHash(String hash) {
        ApiKey key = byHash.get(hash);
        if (key == null) {
            return Optional.empty();
        }
        boolean equal = MessageDigest.isEqual(HexFormat.of().parseHex(hash), HexFormat.of().parseHex(key.hash()));
        return equal ? Optional.of(key) : Optional.empty();
    }
}
