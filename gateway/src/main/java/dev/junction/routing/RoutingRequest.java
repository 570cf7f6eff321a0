package dev.junction.routing;

import dev.junction.wire.AutoRouterPlugin;
import dev.junction.wire.ProviderPreferences;
import dev.junction.wire.Transforms;
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
 * @param transforms      the request's {@code transforms}: an endpoint too small for the prompt still serves when
 *                        middle-out will compress the prompt to fit it
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
        Set<String> outputModalities,
        Transforms transforms) {

    /** A request without {@code transforms}. */
    public RoutingRequest(List<String> models, ProviderPreferences preferences, Set<String> parameters, long promptTokens,
                          OptionalInt maxTokens, Set<String> inputModalities, boolean usesTools,
                          AutoRouterPlugin autoRouter, Set<String> outputModalities) {
        this(models, preferences, parameters, promptTokens, maxTokens, inputModalities, usesTools, autoRouter,
                outputModalities, Transforms.DEFAULT);
    }

    /** A request without the auto-router plugin that wants text only. */
    public RoutingRequest(List<String> models, ProviderPreferences preferences, Set<String> parameters, long promptTokens,
                          OptionalInt maxTokens, Set<String> inputModalities, boolean usesTools) {
        this(models, preferences, parameters, promptTokens, maxTokens, inputModalities, usesTools, AutoRouterPlugin.NONE,
                Set.of());
    }
}
