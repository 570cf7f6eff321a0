package dev.junction.catalog.discovery;

/**
 * A provider's model list could not be read. The message names the provider and what failed, never a
 * credential: it goes to the log as it is.
 */
public final class DiscoveryException extends RuntimeException {
    public DiscoveryException(String message) {
        super(message);
    }
}
