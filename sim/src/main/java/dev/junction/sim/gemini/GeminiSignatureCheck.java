package dev.junction.sim.gemini;

import tools.jackson.databind.JsonNode;

/**
 * Gemini 3's validation of thought signatures, as its documentation describes it: the current turn starts at
 * the last user content with something other than function responses; in every model content after it, the
 * first function call must carry its signature. Signatures anywhere must be ones this sim issued — Google
 * rejects a signature that was altered or made up.
 */
final class GeminiSignatureCheck {
    private GeminiSignatureCheck() {
    }

    static void check(JsonNode body) {
        JsonNode contents = body.path("contents");
        int turnStart = 0;
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (!"model".equals(content.path("role").asString("")) && hasOwnContent(content)) {
                turnStart = i;
            }
            for (JsonNode part : content.path("parts")) {
                JsonNode signature = part.get("thoughtSignature");
                if (signature != null && GeminiIds.signed(signature.asString("")).isEmpty()) {
                    throw new GeminiValidator.Invalid("Corrupted thought signature.");
                }
            }
        }
        for (int i = turnStart + 1; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (!"model".equals(content.path("role").asString(""))) {
                continue;
            }
            JsonNode parts = content.path("parts");
            for (int p = 0; p < parts.size(); p++) {
                JsonNode part = parts.get(p);
                if (!part.has("functionCall")) {
                    continue;
                }
                if (!part.has("thoughtSignature")) {
                    throw new GeminiValidator.Invalid("Function call is missing a thought_signature in functionCall "
                            + "parts. This is required for tools to work correctly, and missing thought_signature may "
                            + "lead to degraded model performance. Additional data, function call `default_api:"
                            + part.path("functionCall").path("name").asString("") + "` , position " + (p + 1)
                            + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more "
                            + "details.");
                }
                break; // only the first call of each step is signed
            }
        }
    }

    private static boolean hasOwnContent(JsonNode content) {
        for (JsonNode part : content.path("parts")) {
            if (!part.has("functionResponse")) {
                return true;
            }
        }
        return false;
    }
}
