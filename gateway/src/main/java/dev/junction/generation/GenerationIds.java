package dev.junction.generation;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * Generation ids in OpenRouter's shape, {@code gen-<unix seconds>-<20 alphanumerics>}. One instance
 * per event loop: the random generator is not shared between threads.
 */
public final class GenerationIds {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final RandomGenerator random;
    private final InstantSource clock;

    public GenerationIds(RandomGenerator random, InstantSource clock) {
        this.random = random;
        this.clock = clock;
    }

    public String next() {
        char[] suffix = new char[20];
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "gen-" + clock.instant().getEpochSecond() + "-" + new String(suffix);
    }
}
