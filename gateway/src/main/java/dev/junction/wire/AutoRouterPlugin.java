package dev.junction.wire;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The request's {@code auto-router} plugin ({@code plugins: [{id: "auto-router", allowed_models, excluded_models}]}):
 * which models {@code openrouter/auto} may choose. Patterns are model ids where {@code *} stands for any run of
 * characters ({@code anthropic/*}); an excluded pattern wins over an allowed one. {@code enabled: false} switches the
 * plugin off.
 *
 * @param allowedModels  empty: every model
 * @param excludedModels models never chosen
 */
public record AutoRouterPlugin(List<String> allowedModels, List<String> excludedModels) {
    public static final AutoRouterPlugin NONE = new AutoRouterPlugin(List.of(), List.of());

    public AutoRouterPlugin {
        allowedModels = List.copyOf(allowedModels);
        excludedModels = List.copyOf(excludedModels);
    }

    /** Whether {@code model} may be chosen. */
    public boolean allows(String model) {
        boolean allowed = allowedModels.isEmpty() || allowedModels.stream().anyMatch(p -> matches(p, model));
        return allowed && excludedModels.stream().noneMatch(p -> matches(p, model));
    }

    public boolean restricts() {
        return !allowedModels.isEmpty() || !excludedModels.isEmpty();
    }

    static AutoRouterPlugin parse(JsonNode plugins) {
        return Plugins.find(plugins, "auto-router").filter(Plugins.Found::enabled)
                .map(found -> new AutoRouterPlugin(
                        patterns(found.plugin().get("allowed_models"), found.at() + "allowed_models"),
                        patterns(found.plugin().get("excluded_models"), found.at() + "excluded_models")))
                .orElse(NONE);
    }

    private static List<String> patterns(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        FieldCheck.arrayOfStrings().problem(node).ifPresent(problem -> {
            throw new InvalidRequestException(field + ": " + problem);
        });
        List<String> patterns = new ArrayList<>();
        node.forEach(p -> patterns.add(p.asString()));
        return patterns;
    }

    private static boolean matches(String pattern, String model) {
        if (!pattern.contains("*")) {
            return pattern.equals(model);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return model.matches(regex.toString());
    }
}
