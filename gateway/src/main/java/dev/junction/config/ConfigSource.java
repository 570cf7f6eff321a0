package dev.junction.config;

import java.util.Optional;

/**
 * Where the running configuration came from, asked on every catalog refresh whether it has changed.
 * Implementations may block (they read files): call them off the event loops.
 */
public interface ConfigSource {

    /**
     * The new configuration when the source changed since it was last read, empty when it did not.
     *
     * @throws ConfigException when the source changed but the new configuration is invalid; the same
     *                         invalid content is reported once, not on every call
     */
    Optional<JunctionConfig> changed();

    /** A configuration built once from text (the demo, tests): it never changes. */
    static ConfigSource unchanging() {
        return Optional::empty;
    }
}
