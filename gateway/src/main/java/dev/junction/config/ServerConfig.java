package dev.junction.config;

import java.time.Duration;
import java.util.List;

/**
 * The client-facing HTTP server.
 *
 * @param eventLoops         0 means one per CPU core
 * @param keepAliveInterval  how often an SSE comment is sent while a stream waits for its first token
 * @param idleTimeout        a connection with no request in progress (idle between requests, or still
 *                           sending its request head) is closed after this long
 * @param bodyReadTimeout    a request body must have fully arrived this long after its head, or the
 *                           request gets 408 and its connection is closed
 * @param corsAllowedOrigins origins allowed to call the API from a browser; {@code *} for any
 * @param drainTimeout       on a clean stop, how long requests in flight may take to finish before their
 *                           connections are closed
 */
public record ServerConfig(
        String host,
        int port,
        int eventLoops,
        long maxBodyBytes,
        Duration keepAliveInterval,
        Duration idleTimeout,
        Duration bodyReadTimeout,
        List<String> corsAllowedOrigins,
        Duration drainTimeout) {}
