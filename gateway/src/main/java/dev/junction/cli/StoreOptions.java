package dev.junction.cli;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.store.Store;
import dev.junction.store.Stores;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.InstantSource;

/**
 * What the administrative commands share: the configuration file, whose {@code storage} section says
 * which database to open. They work on the store directly, so they also work before any key exists,
 * and while the gateway runs (SQLite allows the second process; the gateway notices new credits within
 * seconds and changed keys within its cache lifetime).
 */
final class StoreOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the gateway's YAML configuration")
    Path config;

    JunctionConfig load() {
        return new ConfigLoader(System.getenv()).load(config);
    }

    Store open() {
        return Stores.open(load().storage(), InstantSource.system());
    }

    static int fail(ConfigException e) {
        System.err.println(e.getMessage());
        return 2;
    }
}
