package dev.junction.teams;

import dev.junction.keys.LimitReset;
import dev.junction.money.Money;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a guardrail allows, in the terms of OpenRouter's {@code Guardrail} (models and providers are matched
 * case-insensitively; models by their canonical slug, providers by id, display name or endpoint tag).
 *
 * @param allowedModels     when present, only these models
 * @param ignoredModels     never these models
 * @param allowedProviders  when present, only endpoints of these providers
 * @param ignoredProviders  never endpoints of these providers
 * @param switches          the nullable booleans by their wire names ({@code enforce_zdr}, {@code enforce_zdr_openai}, …,
 *                          {@code enable_paid_model_training}, …); absent = not set
 * @param maxPromptPerMillion     the most an endpoint may charge per million prompt tokens, USD (Junction's {@code max_price.prompt})
 * @param maxCompletionPerMillion the same for completion tokens ({@code max_price.completion})
 * @param limit             the most the guardrail's keys may spend together per {@code resetInterval}
 * @param allowedFeatures   when present, a request using any other feature is refused (Junction's {@code allowed_features})
 */
public record GuardrailPolicy(
        Optional<String> description,
        Optional<Set<String>> allowedModels,
        Set<String> ignoredModels,
        Optional<Set<String>> allowedProviders,
        Set<String> ignoredProviders,
        Map<String, Boolean> switches,
        Optional<BigDecimal> maxPromptPerMillion,
        Optional<BigDecimal> maxCompletionPerMillion,
        Optional<Money> limit,
        Optional<LimitReset> resetInterval,
        boolean includeByokInBudgets,
        Optional<Set<RequestFeature>> allowedFeatures) {

    /** The boolean fields a guardrail may leave unset (null on the wire), in the SDK's order. */
    public static final Set<String> SWITCHES = Set.of("enable_free_model_publication", "enable_free_model_training",
            "enable_paid_model_training", "enforce_zdr", "enforce_zdr_anthropic", "enforce_zdr_google", "enforce_zdr_openai",
            "enforce_zdr_other", "enforce_zdr_xai");

    /**
     * Whether the endpoints of a model by {@code author} must keep no data: its own {@code enforce_zdr_<author>} if set,
     * else {@code enforce_zdr}.
     */
    public boolean requiresZdr(String author) {
        String scope = switch (author) {
            case "anthropic" -> "enforce_zdr_anthropic";
            case "openai" -> "enforce_zdr_openai";
            case "google" -> "enforce_zdr_google";
            case "x-ai", "xai" -> "enforce_zdr_xai";
            default -> "enforce_zdr_other";
        };
        Boolean own = switches.get(scope);
        return own != null ? own : switches.getOrDefault("enforce_zdr", false);
    }

    /** Whether endpoints that train on prompts may serve: free ones per {@code enable_free_model_training}, paid ones per {@code enable_paid_model_training}. */
    public boolean allowsTraining(boolean free) {
        return switches.getOrDefault(free ? "enable_free_model_training" : "enable_paid_model_training", true);
    }
}
