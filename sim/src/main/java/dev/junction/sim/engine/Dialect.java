package dev.junction.sim.engine;

import dev.junction.sim.SimScript;
import io.vertx.core.buffer.Buffer;

/** How one protocol renders what the engine decided: bodies, streams and errors in its wire format. */
public interface Dialect {

    /** Whether this protocol carries neither reasoning nor tool calls (they are then not generated at all). */
    boolean textOnly();

    /** The complete (non-streamed) response body. */
    Buffer completion(Generation generation, PromptInfo prompt);

    /** The frames of a streamed response. */
    StreamRenderer stream(Generation generation, PromptInfo prompt, SimScript script);

    /** The error body for an HTTP error {@code status}, with the script's message/type/code where set. */
    Buffer errorBody(int status, SimScript script);

    /** The in-stream error event for a raw replay that fails with {@code error_event}. */
    Buffer streamErrorEvent(SimScript script);

    /** Content type of a streamed response. */
    String streamContentType();
}
