package dev.junction.generation;

import dev.junction.wire.ResponseIdentity;
import io.vertx.core.buffer.Buffer;

/**
 * One client dialect's answers as bytes: the whole answer, a streamed answer (one {@link StreamRenderer} per
 * stream), the keep-alive a waiting stream sends, and the error of a request that no attempt served (as its
 * dialect's {@link ErrorRenderer}). Pure: no I/O, no billing — production and golden tests render through the
 * same instance.
 */
public interface Renderer extends ErrorRenderer {
    /** The body of a whole answer. */
    Buffer answer(Answer answer);

    /** What a stream sends while it waits for its first token. */
    Buffer keepAlive();

    /** The renderer of one streamed answer, once its identity is known. */
    StreamRenderer stream(ResponseIdentity identity);
}
