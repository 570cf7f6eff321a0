package dev.junction.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A configuration file, re-read when its content changes. Content, not modification time, decides: editors
 * that write a temporary file and rename it, or clocks that jump, must not hide or fake an edit.
 */
public final class ConfigFile implements ConfigSource {
    private final Path path;
    private final ConfigLoader loader;
    private final JunctionConfig initial;
    private byte[] lastDigest;

    private ConfigFile(Path path, ConfigLoader loader, JunctionConfig initial, byte[] digest) {
        this.path = path;
        this.loader = loader;
        this.initial = initial;
        this.lastDigest = digest;
    }

    /**
     * Reads and validates the file.
     *
     * @throws ConfigException when it cannot be read or is invalid
     */
    public static ConfigFile open(Path path, ConfigLoader loader) {
        byte[] content = read(path);
        JunctionConfig config = loader.parse(new String(content, StandardCharsets.UTF_8), path.toString());
        return new ConfigFile(path, loader, config, digest(content));
    }

    /** The configuration the file held when it was opened. */
    public JunctionConfig initial() {
        return initial;
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized Optional<JunctionConfig> changed() {
        byte[] content = read(path);
        byte[] digest = digest(content);
        if (Arrays.equals(digest, lastDigest)) {
            return Optional.empty();
        }
        // Remembered before validation: an invalid edit is reported once, then waits for the next edit.
        lastDigest = digest;
        return Optional.of(loader.parse(new String(content, StandardCharsets.UTF_8), path.toString()));
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("config file " + path + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
        }
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
