package dev.junction.config;

/**
 * What the gateway logs besides its own events.
 *
 * @param accessLog       one line per request (method, path, status, latency; model, provider, tokens, cost and
 *                        generation id for generations) on the {@code junction.access} logger
 * @param accessLogFormat how each line is written
 * @param format          how every other line is written ({@code json}: one object per event, with the generation
 *                        id and trace id of the lines about a generation)
 */
public record LoggingConfig(boolean accessLog, Format accessLogFormat, Format format) {
    public LoggingConfig(boolean accessLog, Format accessLogFormat) {
        this(accessLog, accessLogFormat, Format.TEXT);
    }

    /** {@code text}: words and {@code key=value} pairs for a person; {@code json}: one object per line for a log shipper. */
    public enum Format { TEXT, JSON }
}
