package dev.junction.routing;

import dev.junction.catalog.Catalog;
import dev.junction.catalog.Model;
import dev.junction.config.AutoRouterConfig;
import dev.junction.config.AutoRouterConfig.Rule;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * {@code openrouter/auto}, transparently: the operator's rules are tried in order and the first whose
 * every condition holds picks the model; otherwise the default model. The chosen model and rule are
 * reported back to the client.
 */
public final class AutoRouter {
    public static final String MODEL_ID = "openrouter/auto";
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final AutoRouterConfig config;

    public AutoRouter(AutoRouterConfig config) {
        this.config = config;
    }

    /** The chosen model id and the rule that chose it ({@code "default"} when no rule matched). */
    public record Choice(String model, String rule) {}

    public Choice choose(RoutingRequest request, Catalog catalog) {
        for (Rule rule : config.rules()) {
            if (holds(rule, request, catalog)) {
                return new Choice(rule.model(), rule.name());
            }
        }
        return config.defaultModel().map(m -> new Choice(m, "default")).orElseThrow(() -> new NoEndpointsException(400,
                MODEL_ID + " is not configured on this gateway: set auto-router.default-model (and optionally rules)"));
    }

    private static boolean holds(Rule rule, RoutingRequest request, Catalog catalog) {
        if (rule.minPromptTokens().isPresent() && request.promptTokens() < rule.minPromptTokens().getAsLong()) {
            return false;
        }
        if (rule.maxPromptTokens().isPresent() && request.promptTokens() > rule.maxPromptTokens().getAsLong()) {
            return false;
        }
        if (!request.inputModalities().containsAll(rule.inputModalities())) {
            return false;
        }
        if (rule.tools().isPresent() && rule.tools().get() != request.usesTools()) {
            return false;
        }
        if (rule.maxPromptPrice().isPresent()) {
            Optional<Model> model = catalog.model(rule.model());
            BigDecimal cheapest = model.flatMap(m -> m.routableEndpoints().stream()
                            .map(e -> e.pricing().prompt().toUsd().multiply(MILLION)).min(BigDecimal::compareTo))
                    .orElse(BigDecimal.valueOf(Long.MAX_VALUE));
            return cheapest.compareTo(rule.maxPromptPrice().get()) <= 0;
        }
        return true;
    }
}
