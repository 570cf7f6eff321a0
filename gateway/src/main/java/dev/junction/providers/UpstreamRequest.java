package dev.junction.providers;

import dev.junction.wire.ApiKind;
import dev.junction.catalog.Endpoint;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call to one endpoint.
 *
 * @param body  the client's request body as parsed; providers must not mutate it (a fallback attempt
 *              reuses it) — they build their own upstream body from it
 * @param headers headers this call adds to the provider's own (the W3C trace context of its span), usually none
 */
public record UpstreamRequest(Endpoint endpoint, ApiKind api, ObjectNode body, boolean stream, AbortSignal abort,
                              java.util.Map<String, String> headers) {
    public UpstreamRequest(Endpoint endpoint, ApiKind api, ObjectNode body, boolean stream, AbortSignal abort) {
        this(endpoint, api, body, stream, abort, java.util.Map.of());
    }
}
