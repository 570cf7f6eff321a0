package dev.junction.config;

import java.util.Optional;

/**
 * Bring-your-own-key provider credentials.
 *
 * @param encryptionKey the AES-256 key (32 bytes) that encrypts them at rest; without it no BYOK entry can be made
 */
public record ByokConfig(Optional<byte[]> encryptionKey) {
    /** Never the key itself: configurations are printed and logged. */
    @Override
    public String toString() {
        return "ByokConfig[encryptionKey=" + (encryptionKey.isPresent() ? "set" : "unset") + "]";
    }
}
