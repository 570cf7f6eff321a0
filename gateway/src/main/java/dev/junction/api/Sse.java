package dev.junction.api;

import dev.junction.providers.JsonBuffers;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/** Server-sent-event frames as Junction writes them. */
final class Sse {
    static final String CONTENT_TYPE = "text/event-stream";
    static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    /** OpenRouter's keep-alive comment while a stream waits for its first token. */
    static final Buffer KEEP_ALIVE = Buffer.buffer(": OPENROUTER PROCESSING\n\n");
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private Sse() {}

    /**
     * The {@code data:} event (JSON never contains a raw newline, so it is always a single line) of a chunk with Junction's identity stamped on it (and {@code trailing}
     * fields set after, or null), generated straight into the buffer that goes to the socket.
     */
    static Buffer stamped(ResponseIdentity identity, ObjectNode chunk, String object, ObjectNode trailing) {
        return JsonBuffers.write(512, DATA, out -> identity.write(out, chunk, object, trailing), END);
    }
}
