package dev.junction.config;

import java.time.Duration;
import java.util.List;

/**
 * The client-facing HTTP server.
 *
 * @param eventLoops         0 means one per CPU core
 * @param keepAliveInterval  how often an SSE comment is sent while a stream waits for its first token
 * @param corsAllowedOrigins origins allowed to call the API from a browser; {@code *} for any
 */
public record ServerConfig(
        String host,
        int port,
        int eventLoops,
        long maxBodyBytes,
        Duration keepAliveInterval,
        List<String> corsAllowedOrigins) {}
