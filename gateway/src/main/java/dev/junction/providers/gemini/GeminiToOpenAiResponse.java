package dev.junction.providers.gemini;

import dev.junction.wire.ApiKind;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * A whole Gemini {@code GenerateContentResponse} as an OpenRouter {@code chat.completion} (or legacy
 * {@code text_completion}): one choice per candidate (see {@link GeminiCandidate}), finish reasons
 * normalised with Gemini's own kept in {@code native_finish_reason}, {@code usageMetadata} taken out as
 * usage, {@code responseId} as the upstream id. A blocked prompt is a failure, not an empty answer.
 */
final class GeminiToOpenAiResponse {
    private GeminiToOpenAiResponse() {}

    /** @throws dev.junction.providers.UpstreamException for a blocked prompt or a body that is no answer */
    static UpstreamCompletion translate(JsonNode response, ApiKind api, String providerName) {
        if (!response.isObject()) {
            throw protocol(providerName, "answered with JSON that is not an object");
        }
        if (response.hasNonNull("error")) {
            throw GeminiErrors.streamError(response, providerName).asException();
        }
        GeminiErrors.blockedPrompt(response, providerName).ifPresent(f -> {
            throw f.asException();
        });
        JsonNode candidates = response.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) {
            throw protocol(providerName, "answered without candidates");
        }
        String responseId = response.path("responseId").asString("");
        ObjectNode body = Json.object();
        if (!responseId.isEmpty()) {
            body.put("id", responseId);
        }
        body.put("model", response.path("modelVersion").asString(""));
        ArrayNode choices = body.putArray("choices");
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            int index = candidate.path("index").asInt(i);
            choices.add(choice(candidate, new GeminiCandidate(responseId, index), index, api));
        }
        return new UpstreamCompletion(body, GeminiUsage.parse(response.get("usageMetadata")),
                responseId.isEmpty() ? Optional.empty() : Optional.of(responseId));
    }

    private static ObjectNode choice(JsonNode candidate, GeminiCandidate translator, int index, ApiKind api) {
        ObjectNode fields = translator.translate(candidate.path("content").path("parts"), false);
        String nativeReason = candidate.path("finishReason").asString("");
        ObjectNode choice = Json.object();
        if (api == ApiKind.COMPLETION) {
            choice.put("text", fields.path("content").asString(""));
            choice.put("index", index);
            choice.putNull("logprobs");
        } else {
            choice.put("index", index);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.set("content", fields.has("content") ? fields.get("content") : Json.NODES.nullNode());
            message.putNull("refusal");
            for (String field : new String[] {"reasoning", "reasoning_details", "tool_calls", "images"}) {
                if (fields.has(field)) {
                    message.set(field, fields.get(field));
                }
            }
            translator.grounding(candidate).ifPresent(annotations -> message.set("annotations", annotations));
            choice.putNull("logprobs");
        }
        if (nativeReason.isEmpty()) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", GeminiFinishReasons.normalise(nativeReason, translator.madeCalls()));
            choice.put("native_finish_reason", nativeReason);
        }
        return choice;
    }

    private static RuntimeException protocol(String providerName, String what) {
        return UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, providerName, providerName + " " + what).asException();
    }
}
