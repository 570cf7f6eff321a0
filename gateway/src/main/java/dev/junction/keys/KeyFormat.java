package dev.junction.keys;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Junction API keys look like {@code sk-jn-v1-<64 hex>}: a recognisable prefix (so secret scanners
 * and people can tell what leaked) and 256 random bits.
 */
public final class KeyFormat {
    public static final String PREFIX = "sk-jn-v1-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFormat() {}

    public static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + HexFormat.of().formatHex(secret);
    }
}
