package dev.junction.sim.openai;

import java.util.concurrent.ThreadLocalRandom;

/** Identifiers shaped like OpenAI's: {@code chatcmpl-…}, {@code cmpl-…}, {@code call_…}. */
final class OpenAiIds {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private OpenAiIds() {
    }

    static String chatCompletion() {
        return "chatcmpl-" + random(29);
    }

    static String completion() {
        return "cmpl-" + random(29);
    }

    static String rerank() {
        return "rerank-" + random(29);
    }

    static String toolCall() {
        return "call_" + random(24);
    }

    private static String random(int length) {
        var random = ThreadLocalRandom.current();
        var chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
