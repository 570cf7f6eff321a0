package dev.junction.api;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * What a stream produces within one turn of its event loop, written to the client as one write at the end of that
 * turn. One upstream read often carries several events — a fast model, or a busy gateway reading late — and each
 * write of Vert.x's is a flush and a system call: for such streams that was half the event loop's time
 * (bench/RESULTS.md §9). An event that arrives alone still goes out in the turn it arrived in.
 */
final class TurnWrites {
    /**
     * Pending bytes are written at once beyond this much: a fast upstream can deliver many reads in one turn, and the
     * back-pressure check after each write must still stop it before the client's side fills up.
     */
    static final int FLUSH_BYTES = 16 * 1024;

    private final HttpServerResponse response;
    private final Context context;
    private final Runnable afterWrite;
    /** Bytes not yet written; the renderer's own buffer until a second one joins it (never appended to before). */
    private Buffer pending;
    private boolean ownCopy;

    /** @param afterWrite run after each write (the caller's back-pressure check) */
    TurnWrites(HttpServerResponse response, Context context, Runnable afterWrite) {
        this.response = response;
        this.context = context;
        this.afterWrite = afterWrite;
    }

    void write(Buffer bytes) {
        if (closed()) {
            return;
        }
        if (pending == null) {
            pending = bytes;
            context.runOnContext(v -> flush());
        } else {
            append(bytes);
        }
        if (pending.length() >= FLUSH_BYTES) {
            flush();
        }
    }

    /** Ends the response with whatever is pending, then {@code last}, in one write. */
    void end(Buffer last) {
        if (pending != null) {
            append(last);
        } else {
            pending = last;
        }
        Buffer all = take();
        if (!closed()) {
            response.end(all);
        }
    }

    private void flush() {
        Buffer bytes = take();
        if (bytes != null && !closed()) {
            response.write(bytes);
            afterWrite.run();
        }
    }

    private void append(Buffer bytes) {
        if (!ownCopy) {
            // A renderer may hand out a shared buffer (a constant trailer): copy before appending.
            pending = Buffer.buffer(pending.length() + 4 * bytes.length()).appendBuffer(pending);
            ownCopy = true;
        }
        pending.appendBuffer(bytes);
    }

    private Buffer take() {
        Buffer bytes = pending;
        pending = null;
        ownCopy = false;
        return bytes;
    }

    private boolean closed() {
        return response.closed() || response.ended();
    }
}
