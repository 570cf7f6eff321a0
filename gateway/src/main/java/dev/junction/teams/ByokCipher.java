package dev.junction.teams;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals provider credentials with AES-256-GCM under the gateway's {@code byok.encryption-key}: a fresh 12-byte nonce
 * per secret, the entry's id as associated data (a sealed secret copied onto another entry does not open), the
 * nonce and the ciphertext with its tag stored together in base64.
 */
public final class ByokCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public ByokCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public String seal(String entryId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, entryId, secret.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    }

    /** @throws IllegalStateException the secret was sealed under another key or for another entry, or was altered */
    public String open(String entryId, String sealed) {
        byte[] all = Base64.getDecoder().decode(sealed);
        byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, entryId, body), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String entryId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(entryId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a BYOK secret cannot be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened")
                    + " (was byok.encryption-key changed?)", e);
        }
    }
}
