package dev.junction.keys;

import io.vertx.core.Future;

/**
 * How the instances of a cluster learn at once that a key changed. A stamp names one state of a key:
 * every change made through any instance gives the key a new stamp before the change is answered, and a
 * copy of the key read from the store is current for as long as the stamp read just BEFORE it is still the
 * key's stamp (a change stores first and stamps after, so a copy read under the old stamp may be old,
 * and one read under the new stamp is new). Stamps are compared, never ordered: a new one is random.
 * In cluster mode they live in Redis beside the budgets, and the admission script compares them on the
 * request's one round trip. A single instance has no one to tell: {@link #NONE}.
 */
public interface KeyStamps {
    /** The stamp of a copy that no admission checks (configured keys, unknown or deleted keys, a single instance). */
    String UNCHECKED = "";
    /** The stamp of a copy read while the stamps could not be: never current, so it is reloaded once they can. */
    String UNKNOWN = "?";
    /** What {@link #peek} finds for a key that has no stamp (never changed, or unused for a day). */
    String NO_STAMP = "-";

    /** The key's stamp now, or {@link #NO_STAMP}; {@link #UNKNOWN} when it cannot be read. Never fails. */
    Future<String> peek(String hash);

    /** The key's stamp now, made if it has none; {@link #UNKNOWN} when it cannot be read. Never fails. */
    Future<String> ensure(String hash);

    /**
     * Gives the key a new stamp, after its change has been stored. Completes once every instance will see
     * the change; when the stamps cannot be reached it completes anyway (the change is stored) and the new
     * stamp is set as soon as they can be.
     */
    Future<Void> changed(String hash);

    /** Whether {@code stamp} is still the key's stamp; true when that cannot be told. Never fails. */
    Future<Boolean> isCurrent(String hash, String stamp);

    /** One instance: every copy it holds is current, as every change is made through it. */
    KeyStamps NONE = new KeyStamps() {
        @Override
        public Future<String> peek(String hash) {
            return Future.succeededFuture(UNCHECKED);
        }

        @Override
        public Future<String> ensure(String hash) {
            return Future.succeededFuture(UNCHECKED);
        }

        @Override
        public Future<Void> changed(String hash) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Boolean> isCurrent(String hash, String stamp) {
            return Future.succeededFuture(true);
        }
    };
}
