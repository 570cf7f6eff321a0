package dev.junction.sim.gemini;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers and signatures shaped like Gemini's: a 22-character {@code responseId}, and opaque base64
 * {@code thoughtSignature}s that this sim can recognise again when a client sends them back.
 */
final class GeminiIds {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final String SIGNATURE_PREFIX = "junction-sim/thought/";

    private GeminiIds() {
    }

    static String responseId() {
        var random = ThreadLocalRandom.current();
        var chars = new char[22];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    /** A signature for what the model signed ({@code call:<name>} or {@code text}) in response {@code responseId}. */
    static String signature(String responseId, String what) {
        return Base64.getEncoder().encodeToString((SIGNATURE_PREFIX + responseId + "/" + what)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** What a signature this sim issued signs; empty for anything else. */
    static Optional<String> signed(String signature) {
        try {
            String text = new String(Base64.getDecoder().decode(signature), StandardCharsets.UTF_8);
            if (!text.startsWith(SIGNATURE_PREFIX)) {
                return Optional.empty();
            }
            String rest = text.substring(SIGNATURE_PREFIX.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? Optional.empty() : Optional.of(rest.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
