package dev.junction.generation;

import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.ResponseIdentity;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's side of a streamed generation, as the socket code sees it: it renders and writes, the
 * generation decides. {@link #committed} comes first; then chunks in order; then exactly one of
 * {@link #ended} or {@link #failed}, each after the generation was settled and recorded. Nothing follows a
 * client cancel. Called on the generation's event loop.
 */
public interface ClientStream {
    /** An attempt produced its first event: the answer is this one's from now on. */
    void committed(ResponseIdentity identity);

    /** A chunk of the answer, in the OpenRouter dialect, identity not yet stamped. */
    void chunk(ObjectNode chunk);

    /** The answer is complete. */
    void ended(Settlement settlement);

    /** The upstream failed after the commit point; {@code settlement} bills what was produced. */
    void failed(UpstreamFailure failure, Settlement settlement);
}
