package dev.junction.wire;

import tools.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a request asks of the model's reasoning, from every spelling OpenRouter accepts: the {@code reasoning}
 * object ({@code effort}, {@code max_tokens}, {@code enabled}, {@code exclude}), the {@code reasoning_effort}
 * shorthand and the older {@code include_reasoning}. Translators map it onto their upstream's own switches.
 *
 * @param thinking whether reasoning is switched on, off, or left to the model
 * @param effort   the effort asked for (lower case), when one was
 * @param budget   {@code reasoning.max_tokens}, when given
 * @param exclude  the model may reason, but its reasoning must not reach the client ({@code exclude: true}, or
 *                 {@code include_reasoning: false})
 */
public record ReasoningRequest(Switch thinking, Optional<String> effort, OptionalLong budget, boolean exclude) {
    public static final ReasoningRequest NONE = new ReasoningRequest(Switch.MODEL_DEFAULT, Optional.empty(),
            OptionalLong.empty(), false);

    /** Whether the request switches reasoning on, off, or leaves the model's default. */
    public enum Switch { ON, OFF, MODEL_DEFAULT }

    /** Whether a body carries any reasoning field at all: the cheap test before {@link #of}. */
    public static boolean present(JsonNode body) {
        return body.hasNonNull("reasoning") || body.hasNonNull("reasoning_effort") || body.hasNonNull("include_reasoning");
    }

    public static ReasoningRequest of(JsonNode body) {
        if (!present(body)) {
            return NONE;
        }
        JsonNode reasoning = body.path("reasoning");
        Optional<String> effort = text(reasoning.get("effort")).or(() -> text(body.get("reasoning_effort")))
                .map(e -> e.toLowerCase(Locale.ROOT));
        JsonNode maxTokens = reasoning.get("max_tokens");
        OptionalLong budget = maxTokens != null && maxTokens.isIntegralNumber() && maxTokens.canConvertToLong()
                ? OptionalLong.of(Math.max(0, maxTokens.asLong())) : OptionalLong.empty();
        JsonNode enabled = reasoning.get("enabled");
        JsonNode include = body.get("include_reasoning");
        boolean exclude = reasoning.path("exclude").asBoolean(false)
                || (include != null && include.isBoolean() && !include.asBoolean());

        Switch thinking;
        if (effort.filter("none"::equals).isPresent() || budget.isPresent() && budget.getAsLong() == 0
                || enabled != null && enabled.isBoolean() && !enabled.asBoolean() && effort.isEmpty() && budget.isEmpty()) {
            thinking = Switch.OFF;
        } else if (effort.isPresent() || budget.isPresent() || enabled != null && enabled.asBoolean(false)
                || reasoning.isObject() && reasoning.isEmpty() || include != null && include.asBoolean(false)) {
            thinking = Switch.ON;
        } else {
            thinking = Switch.MODEL_DEFAULT;
        }
        return new ReasoningRequest(thinking, effort.filter(e -> !e.equals("none")), budget, exclude);
    }

    /**
     * The effort to ask of a model that only knows efforts: the one requested, else one sized to the requested
     * budget (as Junction sizes Gemini 2.x budgets from efforts: 24576 tokens and up high, 8192 medium, 2048 low,
     * less minimal), else {@code medium}.
     */
    public String effortOrSized() {
        if (effort.isPresent()) {
            return effort.get();
        }
        if (budget.isPresent()) {
            long b = budget.getAsLong();
            return b >= 24_576 ? "high" : b >= 8_192 ? "medium" : b >= 2_048 ? "low" : "minimal";
        }
        return "medium";
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }
}
