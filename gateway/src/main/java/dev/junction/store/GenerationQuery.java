package dev.junction.store;

import dev.junction.accounting.GenerationRecord;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which generations a listing shows, newest first: one account's (or one key's), narrowed by model, provider,
 * outcome and time, and a page of at most {@code limit} after a cursor. The same filter selects rows in SQL and
 * records still in memory ({@link #matches}), so a page merged from both is one consistent listing.
 *
 * @param keyHash   only this key's generations (a standard key always sees only its own)
 * @param from      created at or after
 * @param until     created before
 * @param after     the cursor: the last generation of the previous page
 */
public record GenerationQuery(
        String accountId,
        Optional<String> keyHash,
        Optional<String> model,
        Optional<String> providerName,
        Optional<Outcome> outcome,
        Optional<Boolean> cancelled,
        Optional<Instant> from,
        Optional<Instant> until,
        Optional<Cursor> after,
        int limit) {

    /** How a generation ended: its finish reason was {@code error} (a failure mid-stream), or it was not. */
    public enum Outcome { SUCCESS, ERROR }

    /**
     * A place in the listing: the generation's creation time in microseconds (the precision the store keeps, so a
     * record read from memory and the same one read back from the database sort alike) and its id for ties.
     */
    public record Cursor(long createdAtMicros, String id) {
        public static Cursor of(GenerationRecord g) {
            return new Cursor(micros(g.createdAt()), g.id());
        }
    }

    /** Newest first; the id breaks ties, descending too. */
    public static final Comparator<GenerationRecord> NEWEST_FIRST = Comparator
            .comparingLong((GenerationRecord g) -> micros(g.createdAt())).thenComparing(GenerationRecord::id)
            .reversed();

    public GenerationQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    /** Whether {@code g} belongs in this listing (the page's limit aside). */
    public boolean matches(GenerationRecord g) {
        long created = micros(g.createdAt());
        return g.accountId().equals(accountId)
                && keyHash.map(g.keyHash()::equals).orElse(true)
                && model.map(g.model()::equals).orElse(true)
                && providerName.map(g.providerName()::equals).orElse(true)
                && outcome.map(o -> isError(g) == (o == Outcome.ERROR)).orElse(true)
                && cancelled.map(c -> g.cancelled() == c).orElse(true)
                && from.map(f -> created >= micros(f)).orElse(true)
                && until.map(u -> created < micros(u)).orElse(true)
                && after.map(c -> created < c.createdAtMicros()
                        || created == c.createdAtMicros() && g.id().compareTo(c.id()) < 0).orElse(true);
    }

    private static boolean isError(GenerationRecord g) {
        return g.finishReason().filter("error"::equals).isPresent();
    }

    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
