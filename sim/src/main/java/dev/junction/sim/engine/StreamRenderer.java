package dev.junction.sim.engine;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/** The frames of one streamed response in a protocol's wire format, produced one at a time. */
public interface StreamRenderer {

    /**
     * One write of the stream.
     *
     * @param bytes   exactly what goes on the wire
     * @param content whether it carries generated output: content frames are paced and counted by
     *                {@code fail_after_chunks}; envelope frames (role, finish, usage, [DONE]) go out at once
     */
    record Frame(Buffer bytes, boolean content) {
    }

    /** The next frame, or empty when the stream is complete. */
    Optional<Frame> next();

    /** The protocol's in-stream error event, sent by {@code fail_mode: error_event}. */
    Buffer errorEvent();
}
