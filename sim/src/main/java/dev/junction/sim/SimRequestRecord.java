package dev.junction.sim;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the sim saw and did for one request: an immutable snapshot taken by {@link SimStats#requests()}.
 * All {@code *Nanos} instants are {@link System#nanoTime()} values (0 = has not happened yet), so a test in the same
 * JVM can compare them with its own {@code System.nanoTime()} readings.
 *
 * @param seq             1, 2, 3 … in arrival order since the last reset
 * @param method          HTTP method
 * @param path            request path without the query
 * @param model           the {@code model} field as received; "" when there was none
 * @param stream          whether the request asked for a stream
 * @param body            the parsed request body as received ({@code MissingNode} when empty or not JSON)
 * @param headers         request headers, lower-cased names, repeated values joined by ", "; credentials redacted
 *                        ({@code authorization: Bearer ***})
 * @param authorized      whether the request passed the API-key check (always true without a required key)
 * @param status          HTTP status sent; 0 while no response has started
 * @param chunksSent      stream writes (SSE events, or raw frames) sent; 0 for a non-streaming response
 * @param bytesSent       response body bytes handed to the connection (headers excluded)
 * @param completed       the response ended normally (an {@code error_event} failure also ends normally)
 * @param cancelled       the client closed the connection before the response ended
 * @param failed          a scripted mid-stream failure was injected
 * @param receivedAtNanos when the request arrived
 * @param firstByteAtNanos when the first body byte was written
 * @param lastWriteAtNanos when the last body byte was written
 * @param closedAtNanos   when the response ended, or the close of the connection/stream was observed
 */
public record SimRequestRecord(
        long seq,
        String method,
        String path,
        String model,
        boolean stream,
        JsonNode body,
        Map<String, String> headers,
        boolean authorized,
        int status,
        int chunksSent,
        long bytesSent,
        boolean completed,
        boolean cancelled,
        boolean failed,
        long receivedAtNanos,
        long firstByteAtNanos,
        long lastWriteAtNanos,
        long closedAtNanos) {

    public SimRequestRecord {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** Whether the exchange is over: ended, failed or cancelled. */
    public boolean closed() {
        return closedAtNanos != 0;
    }

    /** A header as received (name matched case-insensitively). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * How long after the last body write the close was seen (from arrival when nothing was written). For a
     * cancelled stream that writes every 20 ms this says how quickly the client's disconnect reached the sim.
     */
    public Optional<Duration> closedAfterLastWrite() {
        if (!closed()) {
            return Optional.empty();
        }
        long from = lastWriteAtNanos != 0 ? lastWriteAtNanos : receivedAtNanos;
        return Optional.of(Duration.ofNanos(closedAtNanos - from));
    }

    /** How long after {@code nanoTime} (e.g. when a test closed its client) the close was seen. */
    public Optional<Duration> closedSince(long nanoTime) {
        return closed() ? Optional.of(Duration.ofNanos(closedAtNanos - nanoTime)) : Optional.empty();
    }

    /** From arrival to the first body byte. */
    public Optional<Duration> timeToFirstByte() {
        return firstByteAtNanos != 0
                ? Optional.of(Duration.ofNanos(firstByteAtNanos - receivedAtNanos))
                : Optional.empty();
    }

    /** From arrival to the close. */
    public Optional<Duration> duration() {
        return closed() ? Optional.of(Duration.ofNanos(closedAtNanos - receivedAtNanos)) : Optional.empty();
    }
}
