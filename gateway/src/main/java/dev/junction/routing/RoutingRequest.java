package dev.junction.routing;

import dev.junction.wire.AutoRouterPlugin;
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
 * @param autoRouter      the models {@code openrouter/auto} may choose
 * @param outputModalities what the answer must hold besides text: only models that output it serve
 */
public record RoutingRequest(
        List<String> models,
        ProviderPreferences preferences,
        Set<String> parameters,
        long promptTokens,
        OptionalInt maxTokens,
        Set<String> inputModalities,
        boolean usesTools,
        AutoRouterPlugin autoRouter,
        Set<String> outputModalities) {

    /** A request without the auto-router plugin that wants text only. */
    public RoutingRequest(List<String> models, ProviderPreferences preferences, Set<String> parameters, long promptTokens,
                          OptionalInt maxTokens, Set<String> inputModalities, boolean usesTools) {
        this(models, preferences, parameters, promptTokens, maxTokens, inputModalities, usesTools, AutoRouterPlugin.NONE,
                Set.of());
    }
}
