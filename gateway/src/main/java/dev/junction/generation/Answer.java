package dev.junction.generation;

import dev.junction.wire.ResponseIdentity;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole answer, settled and recorded, ready to render: whose it is, the upstream's body in the OpenRouter
 * dialect (choices with normalised finish reasons, {@code usage} taken out) and what it was billed.
 */
public record Answer(ResponseIdentity identity, ObjectNode body, Settlement settlement) {}
