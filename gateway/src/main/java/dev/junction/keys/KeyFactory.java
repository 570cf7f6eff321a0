package dev.junction.keys;

import dev.junction.config.RateLimit;
import dev.junction.config.KeyHash;
import dev.junction.money.Money;

import java.time.Instant;
import java.util.Optional;

/** Mints a new key: the secret (returned once), its hash and its label. */
public final class KeyFactory {
    private KeyFactory() {}

    public static KeyService.CreatedKey mint(String accountId, String name, KeyKind kind, Optional<Money> limit,
                                             Optional<LimitReset> limitReset, boolean includeByokInLimit,
                                             Optional<RateLimit> rateLimit, Instant now) {
        String secret = KeyFormat.newKey();
        ApiKey key = new ApiKey(KeyHash.sha256Hex(secret), accountId, name, label(secret), kind, false, limit,
                limitReset, includeByokInLimit, now, Optional.empty(), rateLimit);
        return new KeyService.CreatedKey(key, secret);
    }

    /** A recognisable but harmless form of the key: prefix, three characters, an ellipsis, three characters. */
    static String label(String secret) {
        String body = secret.substring(KeyFormat.PREFIX.length());
        return KeyFormat.PREFIX + body.substring(0, 3) + "..." + body.substring(body.length() - 3);
    }
}
