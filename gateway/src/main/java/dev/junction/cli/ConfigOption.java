package dev.junction.cli;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code --config FILE} every command that reads a configuration takes; {@code junction.yaml} in the current
 * directory by default, which is where {@code junction init} writes one.
 */
final class ConfigOption {
    static final String DEFAULT_FILE = "junction.yaml";

    @Option(names = "--config", paramLabel = "FILE", defaultValue = DEFAULT_FILE,
            description = "YAML configuration file (default: ${DEFAULT-VALUE}; `junction init` writes one)")
    Path file;

    /** Reads and validates the file with {@code env} as the environment. */
    JunctionConfig load(Map<String, String> env) {
        requireFile();
        return new ConfigLoader(env).load(file);
    }

    /** Fails with what to do next when there is no such file: the first thing a newcomer meets. */
    Path requireFile() {
        if (!Files.exists(file)) {
            throw new ConfigException("config file " + file + " not found in " + Path.of("").toAbsolutePath()
                    + ": write a starter configuration with `junction init`, or copy junction.example.yaml");
        }
        return file;
    }
}
