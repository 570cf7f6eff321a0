package dev.junction.sim.engine;

import dev.junction.sim.SimRequestRecord;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The in-progress record of one request. Written from the request's event loop, read from test threads through
 * {@link #snapshot()}; a plain monitor keeps the two consistent and is uncontended on the write path.
 */
public final class LiveRecord {
    private final long seq;
    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final long receivedAtNanos;

    private boolean authorized;
    private String model = "";
    private boolean stream;
    private JsonNode body = MissingNode.getInstance();
    private int status;
    private int chunksSent;
    private long bytesSent;
    private boolean completed;
    private boolean cancelled;
    private boolean failed;
    private long firstByteAtNanos;
    private long lastWriteAtNanos;
    private long closedAtNanos;

    public LiveRecord(long seq, String method, String path, Map<String, String> headers, boolean authorized,
                      long receivedAtNanos) {
        this.seq = seq;
        this.method = method;
        this.path = path;
        this.headers = Map.copyOf(headers);
        this.authorized = authorized;
        this.receivedAtNanos = receivedAtNanos;
    }

    public synchronized void request(String model, boolean stream) {
        this.model = model;
        this.stream = stream;
    }

    public synchronized void body(JsonNode parsed) {
        this.body = parsed;
    }

    public synchronized void authorized(boolean value) {
        this.authorized = value;
    }

    public synchronized void status(int value) {
        this.status = value;
    }

    /** Body bytes handed to the connection; {@code chunk} counts a streamed write. */
    public synchronized void wrote(long bytes, boolean chunk, long nowNanos) {
        if (bytes == 0) {
            return;
        }
        bytesSent += bytes;
        if (chunk) {
            chunksSent++;
        }
        if (firstByteAtNanos == 0) {
            firstByteAtNanos = nowNanos;
        }
        lastWriteAtNanos = nowNanos;
    }

    public synchronized void completed(long nowNanos) {
        completed = true;
        close(nowNanos);
    }

    public synchronized void cancelled(long nowNanos) {
        cancelled = true;
        close(nowNanos);
    }

    /** A scripted failure; {@code ended} tells whether the response still ended normally (error event). */
    public synchronized void failed(boolean ended, long nowNanos) {
        failed = true;
        completed = ended;
        close(nowNanos);
    }

    private void close(long nowNanos) {
        if (closedAtNanos == 0) {
            closedAtNanos = nowNanos;
        }
    }

    public synchronized boolean isClosed() {
        return closedAtNanos != 0;
    }

    public synchronized SimRequestRecord snapshot() {
        return new SimRequestRecord(seq, method, path, model, stream, body, headers, authorized, status, chunksSent,
                bytesSent, completed, cancelled, failed, receivedAtNanos, firstByteAtNanos, lastWriteAtNanos,
                closedAtNanos);
    }
}
