package dev.junction.sim.anthropic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers shaped like Anthropic's ({@code msg_01…}, {@code toolu_01…}) and the sim's thinking signatures. */
final class AnthropicIds {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private AnthropicIds() {
    }

    static String message() {
        return "msg_01" + random(22);
    }

    static String toolUse() {
        return "toolu_01" + random(22);
    }

    static String serverToolUse() {
        return "srvtoolu_01" + random(22);
    }

    static String request() {
        return "req_011" + random(21);
    }

    /**
     * The signature of a thinking text: deterministic, so that a thinking block sent back in a later turn can be
     * checked — as Anthropic rejects a block whose text or signature was altered.
     */
    static String signature(String thinking) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("junction-sim thinking\n" + thinking).getBytes(StandardCharsets.UTF_8));
            return "Sim" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String random(int length) {
        var random = ThreadLocalRandom.current();
        var chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
