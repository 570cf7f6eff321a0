package dev.junction.config;

/**
 * What the gateway logs besides its own events.
 *
 * @param accessLog       one line per request (method, path, status, latency; model, provider, tokens, cost and
 *                        generation id for generations) on the {@code junction.access} logger
 * @param accessLogFormat how each line is written
 */
public record LoggingConfig(boolean accessLog, Format accessLogFormat) {
    /** {@code text}: words and {@code key=value} pairs for a person; {@code json}: one object per line for a log shipper. */
    public enum Format { TEXT, JSON }
}
