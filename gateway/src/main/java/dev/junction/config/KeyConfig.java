package dev.junction.config;

/**
 * An API key accepted by the gateway, defined in the config file. The secret itself is never in the
 * file: either the SHA-256 of the key (hex), or the name of an environment variable holding the key.
 */
public record KeyConfig(String name, String sha256Hex) {}
