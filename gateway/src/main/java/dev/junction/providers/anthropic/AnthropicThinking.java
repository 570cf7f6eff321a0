package dev.junction.providers.anthropic;

import dev.junction.wire.ClientNumbers;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * OpenRouter's {@code reasoning} (and the {@code reasoning_effort} shorthand) as Anthropic's extended thinking,
 * {@code thinking: {type: "enabled", budget_tokens}}. Claude does not think unless asked, so thinking is on only
 * when the request sets {@code effort} (other than {@code none}), {@code max_tokens} or {@code enabled: true};
 * {@code enabled: false} and {@code effort: "none"} leave it off.
 *
 * <p>The budget, as OpenRouter computes it for budget-based models:
 * <ul>
 *   <li>{@code reasoning.max_tokens}: that budget exactly (raised to Anthropic's minimum of 1024; a budget beyond
 *       the int range is the largest int, then bounded by the endpoint's output limit as below);</li>
 *   <li>{@code effort}: a share of the request's {@code max_tokens} — {@code max}/{@code xhigh} 95 %,
 *       {@code high} 80 %, {@code medium} 50 % (also for {@code enabled: true} alone and unknown efforts),
 *       {@code low} 20 %, {@code minimal} 10 % — clamped to 1024…32000.</li>
 * </ul>
 * Anthropic wants {@code budget_tokens < max_tokens}. When the budget does not fit, {@code max_tokens} grows to the
 * budget plus the requested answer length (never beyond the endpoint's limit); if even that leaves less than
 * 1024 tokens of budget, thinking stays off.
 */
final class AnthropicThinking {
    static final int MIN_BUDGET = 1024;
    static final int MAX_EFFORT_BUDGET = 32_000;

    /** What to send: the thinking object, if any, and the {@code max_tokens} that goes with it. */
    record Plan(Optional<ObjectNode> thinking, int maxTokens) {}

    private AnthropicThinking() {}

    static Plan plan(ObjectNode client, int maxTokens, OptionalInt limit) {
        JsonNode reasoning = client.path("reasoning");
        Optional<String> effort = string(reasoning.get("effort")).or(() -> string(client.get("reasoning_effort")))
                .map(e -> e.toLowerCase(Locale.ROOT));
        JsonNode explicit = reasoning.get("max_tokens");
        boolean enabled = reasoning.path("enabled").isBoolean() ? reasoning.path("enabled").asBoolean()
                : effort.isPresent() || (explicit != null && explicit.isIntegralNumber());
        if (!enabled || effort.filter("none"::equals).isPresent()) {
            return new Plan(Optional.empty(), maxTokens);
        }
        int budget = explicit != null && explicit.isIntegralNumber()
                ? ClientNumbers.clampedInt(explicit, MIN_BUDGET, Integer.MAX_VALUE)
                : Math.clamp((long) Math.floor(maxTokens * ratio(effort.orElse("medium"))), MIN_BUDGET, MAX_EFFORT_BUDGET);
        int max = maxTokens;
        if (budget >= max) {
            long grown = (long) budget + maxTokens;
            max = (int) Math.min(grown, limit.isPresent() ? limit.getAsInt() : Integer.MAX_VALUE);
            budget = Math.min(budget, max - 1);
        }
        if (budget < MIN_BUDGET) {
            return new Plan(Optional.empty(), maxTokens);
        }
        ObjectNode thinking = Json.object();
        thinking.put("type", "enabled");
        thinking.put("budget_tokens", budget);
        return new Plan(Optional.of(thinking), max);
    }

    static double ratio(String effort) {
        return switch (effort) {
            case "max", "xhigh" -> 0.95;
            case "high" -> 0.8;
            case "low" -> 0.2;
            case "minimal" -> 0.1;
            default -> 0.5;
        };
    }

    private static Optional<String> string(JsonNode node) {
        return node != null && node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }
}
