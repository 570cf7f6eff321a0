package dev.junction.cli;

import dev.junction.config.JunctionConfig;
import dev.junction.store.Store;
import dev.junction.store.Stores;
import picocli.CommandLine.Mixin;

import java.time.InstantSource;

/**
 * What the administrative commands share: the configuration file, whose {@code storage} section says
 * which database to open. They work on the store directly, so they also work before any key exists,
 * and while the gateway runs (SQLite allows the second process; the gateway notices new credits within
 * seconds and changed keys within its cache lifetime).
 */
final class StoreOptions {
    @Mixin
    ConfigOption config;

    /** The configuration the file gives, with its environment references resolved. */
    JunctionConfig load() {
        return config.load(System.getenv());
    }

    Store open() {
        return Stores.open(load().storage(), InstantSource.system());
    }
}
