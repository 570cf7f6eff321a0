package dev.junction.providers;

import dev.junction.wire.ApiKind;
import dev.junction.catalog.Endpoint;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call to one endpoint.
 *
 * @param body  the client's request body as parsed; providers must not mutate it (a fallback attempt
 *              reuses it) — they build their own upstream body from it
 */
public record UpstreamRequest(Endpoint endpoint, ApiKind api, ObjectNode body, boolean stream, AbortSignal abort) {}
