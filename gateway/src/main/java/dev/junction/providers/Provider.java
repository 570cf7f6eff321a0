package dev.junction.providers;

import io.vertx.core.Future;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Translates and transports: turns a request for an endpoint into the upstream's wire protocol and the
 * answer back into the OpenRouter dialect. Knows nothing of keys, credits or routing.
 * A failed future always carries an {@link UpstreamException}.
 */
public interface Provider {
    Future<UpstreamCompletion> complete(UpstreamRequest request);

    /** Completes once the upstream accepted the request with a 2xx status; content follows on start. */
    Future<UpstreamStream> stream(UpstreamRequest request);

    /**
     * The JSON body this provider sends upstream for {@code request}, for {@code debug.echo_upstream_body}: built again,
     * only when asked, never on the way of an ordinary request. Empty when the provider cannot say.
     */
    default Optional<ObjectNode> upstreamBody(UpstreamRequest request) {
        return Optional.empty();
    }
}
