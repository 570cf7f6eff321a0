package dev.junction.routing;

import dev.junction.wire.ProviderPreferences;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the router needs to know about a request.
 *
 * @param models          requested model ids in preference order ({@code model}, then {@code models})
 * @param parameters      the request parameters in use, for {@code require_parameters}
 * @param promptTokens    the prompt's size in tokens (estimated or counted), for context limits
 * @param maxTokens       the completion budget the request asks for, if any
 * @param inputModalities what the prompt carries besides text ({@code image}, {@code file}, {@code audio})
 * @param usesTools       whether the request defines tools
 */
public record RoutingRequest(
        List<String> models,
        ProviderPreferences preferences,
        Set<String> parameters,
        long promptTokens,
        OptionalInt maxTokens,
        Set<String> inputModalities,
        boolean usesTools) {}
