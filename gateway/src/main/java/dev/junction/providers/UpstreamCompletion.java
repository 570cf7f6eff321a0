package dev.junction.providers;

import dev.junction.accounting.TokenUsage;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * A whole (non-streamed) answer, already in the OpenRouter dialect: choices carry normalised
 * {@code finish_reason} and the upstream's {@code native_finish_reason}; {@code usage} has been taken
 * out into {@link #usage()}.
 */
public record UpstreamCompletion(ObjectNode body, Optional<TokenUsage> usage, Optional<String> upstreamId) {}
