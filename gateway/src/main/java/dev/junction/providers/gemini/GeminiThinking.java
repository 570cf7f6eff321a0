package dev.junction.providers.gemini;

import dev.junction.wire.ClientNumbers;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenRouter's {@code reasoning} (and the older {@code reasoning_effort} / {@code include_reasoning}) as
 * Gemini's {@code generationConfig.thinkingConfig}. Gemini 2.x sizes thinking by a token budget, Gemini 3
 * and later by a level (and still accept a budget, but not 2.x a level), so the upstream model name decides:
 * <ul>
 *   <li>{@code max_tokens: N} → {@code thinkingBudget: N} on any model (the most specific request wins), at most
 *       the largest int32, the type of Gemini's field.</li>
 *   <li>{@code effort} → on Gemini 3+: {@code thinkingLevel} {@code minimal} (none, minimal), {@code low},
 *       {@code medium}, {@code high} (high, xhigh, max); on older models a budget of 0 (none), 512 (minimal),
 *       2048 (low), 8192 (medium), 24576 (high) or 32768 (xhigh, max).</li>
 *   <li>{@code enabled: false} is {@code effort: none}; {@code enabled: true} alone is dynamic thinking
 *       ({@code thinkingBudget: -1}) on older models and the model's default level on Gemini 3+.</li>
 *   <li>Thoughts are returned ({@code includeThoughts: true}) whenever reasoning is asked for, unless
 *       {@code exclude: true}; the model then still thinks, and bills the thoughts, but does not show them.</li>
 *   <li>No reasoning field at all leaves {@code thinkingConfig} out: the model's own default applies.</li>
 * </ul>
 */
final class GeminiThinking {
    private static final Pattern GEMINI_MAJOR = Pattern.compile("^(?:models/)?gemini-(\\d+)");

    private GeminiThinking() {}

    static Optional<ObjectNode> config(JsonNode body, String upstreamModel) {
        JsonNode reasoning = body.path("reasoning");
        String effort = reasoning.path("effort").asString(body.path("reasoning_effort").asString(""))
                .toLowerCase(Locale.ROOT);
        JsonNode maxTokens = reasoning.get("max_tokens");
        JsonNode enabled = reasoning.get("enabled");
        JsonNode exclude = reasoning.get("exclude");
        JsonNode includeReasoning = body.get("include_reasoning");
        boolean asked = reasoning.isObject() || !effort.isEmpty();
        if (!asked && (includeReasoning == null || !includeReasoning.isBoolean())) {
            return Optional.empty();
        }
        ObjectNode config = Json.object();
        boolean off = effort.equals("none") || (enabled != null && enabled.isBoolean() && !enabled.asBoolean()
                && effort.isEmpty() && maxTokens == null);
        boolean levels = usesLevels(upstreamModel);
        if (maxTokens != null && maxTokens.isIntegralNumber()) {
            // Gemini's budget is an int32: a larger request is sent as the largest budget the field can carry.
            config.put("thinkingBudget", ClientNumbers.clampedInt(maxTokens, -1, Integer.MAX_VALUE));
        } else if (off) {
            if (levels) {
                config.put("thinkingLevel", "minimal"); // Gemini 3 cannot switch thinking off; this is the least
            } else {
                config.put("thinkingBudget", 0);
            }
        } else if (!effort.isEmpty()) {
            if (levels) {
                config.put("thinkingLevel", level(effort));
            } else {
                config.put("thinkingBudget", budget(effort));
            }
        } else if (asked && !levels) {
            config.put("thinkingBudget", -1);
        }
        boolean show = asked ? !(exclude != null && exclude.asBoolean(false)) : includeReasoning.asBoolean();
        if (!off) {
            config.put("includeThoughts", show);
        }
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
    }

    /** Gemini 3 and later take {@code thinkingLevel}; 2.x (and unrecognised names) a budget. */
    static boolean usesLevels(String upstreamModel) {
        Matcher m = GEMINI_MAJOR.matcher(upstreamModel.toLowerCase(Locale.ROOT));
        return m.find() && Integer.parseInt(m.group(1)) >= 3;
    }

    private static String level(String effort) {
        return switch (effort) {
            case "minimal" -> "minimal";
            case "low" -> "low";
            case "medium" -> "medium";
            default -> "high";
        };
    }

    private static int budget(String effort) {
        return switch (effort) {
            case "minimal" -> 512;
            case "low" -> 2048;
            case "medium" -> 8192;
            case "high" -> 24576;
            default -> 32768;
        };
    }
}
