package dev.junction.providers.anthropic;

import dev.junction.wire.ApiKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the client's answer must look like: a chat completion or a legacy text completion, and whether the
 * model's thinking is shown ({@code reasoning.exclude: true}, or the older {@code include_reasoning: false},
 * keeps thinking upstream but out of the answer — its {@code reasoning_details} too).
 */
record ClientShape(ApiKind api, boolean includeReasoning) {

    static ClientShape of(ObjectNode client, ApiKind api) {
        JsonNode exclude = client.path("reasoning").path("exclude");
        JsonNode include = client.path("include_reasoning");
        boolean excluded = (exclude.isBoolean() && exclude.asBoolean()) || (include.isBoolean() && !include.asBoolean());
        return new ClientShape(api, api == ApiKind.CHAT && !excluded);
    }
}
