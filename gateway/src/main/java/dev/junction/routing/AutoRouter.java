package dev.junction.routing;

import dev.junction.catalog.Architecture;
import dev.junction.catalog.Catalog;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;
import dev.junction.config.AutoRouterConfig;
import dev.junction.config.AutoRouterConfig.Rule;
import dev.junction.wire.AutoRouterPlugin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code openrouter/auto}, transparently: the operator's rules are tried in order and the first whose
 * every condition holds picks the model; otherwise the default model. The request's {@code auto-router} plugin
 * narrows the choice to its {@code allowed_models} (less its {@code excluded_models}): a rule or default naming
 * another model is passed over, and when no configured model is allowed, the first available model the plugin
 * allows serves. The chosen model, the rule and why are reported back to the client.
 */
public final class AutoRouter {
    public static final String MODEL_ID = "openrouter/auto";
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final AutoRouterConfig config;

    public AutoRouter(AutoRouterConfig config) {
        this.config = config;
    }

    /**
     * The chosen model id, the rule that chose it ({@code "default"} when no rule matched, {@code "allowed_models"}
     * when the request's plugin ruled out every configured model) and why, in a sentence.
     */
    public record Choice(String model, String rule, String reason) {}

    /** Whether the operator configured the auto-router, so that {@code openrouter/auto} is offered. */
    public boolean configured() {
        return config.defaultModel().isPresent() || !config.rules().isEmpty();
    }

    public Choice choose(RoutingRequest request, Catalog catalog) {
        AutoRouterPlugin plugin = request.autoRouter();
        boolean passedOver = false;
        for (Rule rule : config.rules()) {
            Optional<String> why = holds(rule, request, catalog);
            if (why.isPresent()) {
                if (plugin.allows(rule.model())) {
                    return new Choice(rule.model(), rule.name(), "rule '" + rule.name() + "' matched: " + why.get()
                            + (passedOver ? " (earlier matching rules name models allowed_models rules out)" : ""));
                }
                passedOver = true;
            }
        }
        Optional<String> fallback = config.defaultModel().filter(plugin::allows);
        if (fallback.isPresent()) {
            return new Choice(fallback.get(), "default", passedOver
                    ? "the rules that matched name models allowed_models rules out: the default model"
                    : "no rule matched: the default model");
        }
        if (plugin.restricts()) {
            return firstAllowed(plugin, catalog).map(m -> new Choice(m, "allowed_models",
                            "no configured model is allowed by allowed_models: the first available model it allows"))
                    .orElseThrow(() -> new NoEndpointsException(404,
                            "No model that " + MODEL_ID + " may choose under allowed_models is available"));
        }
        throw new NoEndpointsException(400,
                MODEL_ID + " is not configured on this gateway: set auto-router.default-model (and optionally rules)");
    }

    /** {@code openrouter/auto} as a catalog entry: every endpoint of the models it may choose, in rule order. */
    public Optional<Model> asModel(Catalog catalog) {
        if (!configured() || catalog.model(MODEL_ID).isPresent()) {
            return Optional.empty();
        }
        List<Model> candidates = candidates().stream().map(catalog::model).flatMap(Optional::stream).toList();
        List<Endpoint> endpoints = new ArrayList<>();
        Set<String> inputs = new LinkedHashSet<>(List.of("text"));
        int context = 0;
        for (Model m : candidates) {
            endpoints.addAll(m.endpoints());
            inputs.addAll(m.architecture().inputModalities());
            context = Math.max(context, m.contextLength());
        }
        String description = "Junction's auto-router: picks among " + String.join(", ", candidates().stream().toList())
                + " by the operator's rules (prompt size, input modalities, tools, price); the response names the model "
                + "it chose, and the X-Junction-Auto-Route headers the rule and why.";
        return Optional.of(new Model(MODEL_ID, "Auto Router", MODEL_ID, Optional.empty(), 0, description, context,
                new Architecture(List.copyOf(inputs), List.of("text"), Optional.of("Router"), Optional.empty()),
                List.of(), Set.of(), Map.of(), List.copyOf(endpoints), false));
    }

    /** The models the rules and the default name, in that order. */
    private Set<String> candidates() {
        Set<String> models = new LinkedHashSet<>();
        config.rules().forEach(r -> models.add(r.model()));
        config.defaultModel().ifPresent(models::add);
        return models;
    }

    private static Optional<String> firstAllowed(AutoRouterPlugin plugin, Catalog catalog) {
        return catalog.models().stream()
                .filter(m -> !m.slug().equals(MODEL_ID) && !m.isEmbeddingModel() && !m.routableEndpoints().isEmpty())
                .map(Model::slug)
                .filter(plugin::allows)
                .findFirst();
    }

    /** Why the rule holds for the request, in a phrase; empty when one of its conditions does not. */
    private static Optional<String> holds(Rule rule, RoutingRequest request, Catalog catalog) {
        List<String> why = new ArrayList<>();
        if (rule.minPromptTokens().isPresent()) {
            if (request.promptTokens() < rule.minPromptTokens().getAsLong()) {
                return Optional.empty();
            }
            why.add("the prompt has at least " + rule.minPromptTokens().getAsLong() + " tokens");
        }
        if (rule.maxPromptTokens().isPresent()) {
            if (request.promptTokens() > rule.maxPromptTokens().getAsLong()) {
                return Optional.empty();
            }
            why.add("the prompt has at most " + rule.maxPromptTokens().getAsLong() + " tokens");
        }
        if (!rule.inputModalities().isEmpty()) {
            if (!request.inputModalities().containsAll(rule.inputModalities())) {
                return Optional.empty();
            }
            why.add("the prompt carries " + String.join(" and ", rule.inputModalities()));
        }
        if (rule.tools().isPresent()) {
            if (rule.tools().get() != request.usesTools()) {
                return Optional.empty();
            }
            why.add(request.usesTools() ? "the request defines tools" : "the request defines no tools");
        }
        if (rule.maxPromptPrice().isPresent()) {
            Optional<Model> model = catalog.model(rule.model());
            BigDecimal cheapest = model.flatMap(m -> m.routableEndpoints().stream()
                            .map(e -> e.pricing().prompt().toUsd().multiply(MILLION)).min(BigDecimal::compareTo))
                    .orElse(BigDecimal.valueOf(Long.MAX_VALUE));
            if (cheapest.compareTo(rule.maxPromptPrice().get()) > 0) {
                return Optional.empty();
            }
            why.add("its model's prompt price is at most " + rule.maxPromptPrice().get().toPlainString() + " USD per million tokens");
        }
        return Optional.of(why.isEmpty() ? "it has no conditions" : String.join(", ", why));
    }
}
