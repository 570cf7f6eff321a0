package dev.junction.generation;

import java.time.Instant;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * Generation ids in OpenRouter's shape, {@code gen-<unix seconds>-<20 alphanumerics>}. One instance
 * per event loop: the random generator is not shared between threads.
 *
 * <p>The first two alphanumerics are the millisecond within the second, the other 18 random (107 bits). Ids
 * made later sort after ids made earlier, to the millisecond, so the usage writer inserts each batch at the
 * end of the generations table's primary-key index instead of into pages all over the second's stretch of
 * it: with random ids, a batch dirtied (and wrote to SQLite's WAL) a page per few rows (bench/RESULTS.md §13).
 */
public final class GenerationIds {
    /** In ASCII order, so that a string comparison of ids (SQLite's and PostgreSQL's "C" order) is numeric order. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int SUFFIX_LENGTH = 20;

    private final RandomGenerator random;
    private final InstantSource clock;

    public GenerationIds(RandomGenerator random, InstantSource clock) {
        this.random = random;
        this.clock = clock;
    }

    public String next() {
        Instant now = clock.instant();
        int milli = now.getNano() / 1_000_000; // 0–999 < 62², two digits
        char[] suffix = new char[SUFFIX_LENGTH];
        suffix[0] = ALPHABET[milli / ALPHABET.length];
        suffix[1] = ALPHABET[milli % ALPHABET.length];
        for (int i = 2; i < suffix.length; i++) {
            suffix[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "gen-" + now.getEpochSecond() + "-" + new String(suffix);
    }
}
