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
        if (plugins == null || !plugins.isArray()) {
            return NONE;
        }
        for (int i = 0; i < plugins.size(); i++) {
            JsonNode plugin = plugins.get(i);
            if (!"auto-router".equals(plugin.path("id").asString(""))) {
                continue;
            }
            String at = "plugins[" + i + "].";
            JsonNode enabled = plugin.get("enabled");
            if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
                throw new InvalidRequestException(at + "enabled: expected true or false, got " + FieldCheck.describe(enabled));
            }
            if (enabled != null && !enabled.asBoolean(true)) {
                return NONE;
            }
            return new AutoRouterPlugin(patterns(plugin.get("allowed_models"), at + "allowed_models"),
                    patterns(plugin.get("excluded_models"), at + "excluded_models"));
        }
        return NONE;
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
