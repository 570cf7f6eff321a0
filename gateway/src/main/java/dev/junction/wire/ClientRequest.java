package dev.junction.wire;

import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A validated chat or completions request. The body tree is kept whole — every field the client sent
 * survives to the upstream — next to the values the gateway acts on.
 *
 * @param models          requested model ids in preference order: {@code model} then {@code models}
 * @param promptChars     characters of prompt text, for estimating tokens
 * @param inputImages     image parts in the prompt, billed at the endpoint's per-image price
 * @param user            the client's end-user id ({@code user}), kept as the generation's external user
 * @param parameters      the request parameters in use (OpenRouter's parameter names), for require_parameters
 * @param inputModalities what the prompt carries besides text: image, file, audio
 * @param maxTokens       {@code max_tokens} or {@code max_completion_tokens}
 * @param autoRouter      the {@code auto-router} plugin: the models {@code openrouter/auto} may choose
 * @param sessionId       {@code session_id}: groups the generations of one conversation or workflow
 * @param echoUpstreamBody {@code debug.echo_upstream_body}: a streamed answer opens with the body sent upstream
 * @param outputModalities {@code modalities}: what the answer must be able to hold besides text
 * @param warnings        what the request asked for that this gateway cannot do, told to the client in a header
 * @param webSearch       the {@code web} plugin and {@code web_search_options} ({@code :online} is the plan's)
 */
public record ClientRequest(
        ApiKind api,
        ObjectNode body,
        List<String> models,
        boolean stream,
        Optional<String> user,
        long promptChars,
        int inputImages,
        ProviderPreferences preferences,
        Set<String> parameters,
        Set<String> inputModalities,
        OptionalInt maxTokens,
        AutoRouterPlugin autoRouter,
        Optional<String> sessionId,
        boolean echoUpstreamBody,
        Set<String> outputModalities,
        List<String> warnings,
        WebSearchRequest webSearch) {

    /** The same request with another body, e.g. with reasoning switched on for a {@code :thinking} variant. */
    public ClientRequest withBody(ObjectNode newBody) {
        return new ClientRequest(api, newBody, models, stream, user, promptChars, inputImages, preferences, parameters,
                inputModalities, maxTokens, autoRouter, sessionId, echoUpstreamBody, outputModalities, warnings, webSearch);
    }

    /** The same request with fewer models to try, e.g. without those a guardrail does not allow. */
    public ClientRequest withModels(List<String> newModels) {
        return new ClientRequest(api, body, newModels, stream, user, promptChars, inputImages, preferences, parameters,
                inputModalities, maxTokens, autoRouter, sessionId, echoUpstreamBody, outputModalities, warnings, webSearch);
    }

    public boolean usesTools() {
        return body.path("tools").isArray() && !body.path("tools").isEmpty();
    }
}
