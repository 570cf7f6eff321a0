package dev.junction.wire;

import tools.jackson.databind.JsonNode;

/**
 * Checks the legacy completions {@code prompt}: a string, an array of strings, an array of token ids,
 * or an array of token-id arrays. Returns the prompt's size in characters (a token id counts as four).
 */
final class PromptValidator {
    private PromptValidator() {}

    static long validate(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw new InvalidRequestException("prompt: required (a string or an array of strings)");
        }
        if (prompt.isString()) {
            return prompt.asString().length();
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            throw new InvalidRequestException("prompt: expected a string, an array of strings or an array of token ids");
        }
        long chars = 0;
        for (JsonNode item : prompt) {
            if (item.isString()) {
                chars += item.asString().length();
            } else if (item.isIntegralNumber()) {
                chars += 4;
            } else if (item.isArray() && allIntegers(item)) {
                chars += 4L * item.size();
            } else {
                throw new InvalidRequestException(
                        "prompt: expected a string, an array of strings or an array of token ids, found "
                                + FieldCheck.describe(item));
            }
        }
        return chars;
    }

    private static boolean allIntegers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }
}
