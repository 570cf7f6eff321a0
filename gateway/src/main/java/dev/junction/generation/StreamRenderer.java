package dev.junction.generation;

import dev.junction.providers.UpstreamFailure;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

/** The events of one streamed answer, as the bytes that go to the client. A renderer may keep state between them. */
public interface StreamRenderer {
    /** One chunk of the answer (canonical: an OpenRouter chunk without its identity). */
    Buffer chunk(ObjectNode chunk);

    /** The end of a complete answer: its usage and cost, then whatever closes the stream. */
    Buffer end(Settlement settlement);

    /** A failure after the commit point, with what was billed, then whatever closes the stream. */
    Buffer error(UpstreamFailure failure, Settlement settlement);
}
