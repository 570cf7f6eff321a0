package dev.junction.wire;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What embeddings and rerank requests share with each other and not with chat: the fields every request has
 * ({@code model}/{@code models}, {@code provider}, {@code user}, {@code session_id}), and the canonical request they
 * become — with no default model (the configured one is a chat model), never streamed, producing no tokens, routed only to models that output {@code embeddings} or
 * {@code rerank}.
 */
final class RetrievalRequest {
    private RetrievalRequest() {}

    /**
     * @param promptChars the size of the input, for the hold: a token is never more than a character (or one token id)
     * @param images      image inputs, billed at the endpoint's per-image price
     */
    static ClientRequest of(ApiKind api, ObjectNode body, long promptChars, int images,
                            String output) {
        JsonNode user = body.get("user");
        if (user != null && !user.isNull() && !user.isString()) {
            throw new InvalidRequestException("user: expected a string, got " + FieldCheck.describe(user));
        }
        JsonNode models = body.get("models");
        if (models != null && !models.isNull()) {
            if (!models.isArray()) {
                throw new InvalidRequestException("models: expected an array of model ids, got " + FieldCheck.describe(models));
            }
            for (JsonNode m : models) {
                if (!m.isString() || m.asString().isBlank()) {
                    throw new InvalidRequestException("models: expected an array of model ids, found " + FieldCheck.describe(m));
                }
            }
        }
        JsonNode model = body.get("model");
        if (model != null && !model.isNull() && !model.isString()) {
            throw new InvalidRequestException("model: expected a model id, got " + FieldCheck.describe(model));
        }
        ProviderPreferences preferences = ProviderPreferencesParser.parse(body.get("provider"));
        return new ClientRequest(api, body, RequestParser.models(body, Optional.empty()), false,
                Optional.ofNullable(user).filter(JsonNode::isString).map(JsonNode::asString), promptChars, images,
                preferences, Set.of(), images > 0 ? Set.of("image") : Set.of(), OptionalInt.of(0), AutoRouterPlugin.NONE,
                RequestParser.sessionId(body), false, Set.of(output), List.of(),
                WebSearchRequest.NONE);
    }
}
