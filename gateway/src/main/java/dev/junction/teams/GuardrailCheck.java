package dev.junction.teams;

import dev.junction.routing.EndpointRule;
import dev.junction.wire.ClientRequest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Holds a request to the guardrails of its key, before it is routed. Requested models a guardrail does not allow
 * are dropped (a {@code models} fallback) or refused (403, when none is left); features it does not allow are
 * refused (403); its providers, data policy and prices become {@link EndpointRule}s the router applies with the
 * request's own preferences, so a denied provider's endpoints are skipped and an empty plan names the guardrail.
 */
public final class GuardrailCheck {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private GuardrailCheck() {}

    /** The request as the guardrails let it through, and the rules its endpoints must pass. */
    public record Checked(ClientRequest request, List<EndpointRule> rules) {}

    /**
     * @param canonical a requested model id as the catalog's slug (an alias as its model, without its variant)
     * @throws GuardrailRefusedException a feature is not allowed, or no requested model is
     */
    public static Checked apply(List<Guardrail> guardrails, ClientRequest request, UnaryOperator<String> canonical) {
        if (guardrails.isEmpty()) {
            return new Checked(request, List.of());
        }
        Set<RequestFeature> used = features(request);
        List<String> models = new ArrayList<>(request.models());
        List<EndpointRule> rules = new ArrayList<>();
        for (Guardrail g : guardrails) {
            GuardrailPolicy p = g.policy();
            p.allowedFeatures().ifPresent(allowed -> used.stream().filter(f -> !allowed.contains(f)).findFirst()
                    .ifPresent(f -> {
                        throw new GuardrailRefusedException(403, g, "This key may not use " + f.wireName());
                    }));
            List<String> denied = models.stream().filter(id -> !modelAllowed(p, id, canonical.apply(id))).toList();
            if (denied.size() == models.size()) {
                throw new GuardrailRefusedException(403, g, "Model " + String.join(", ", denied) + " is not allowed for this key");
            }
            models.removeAll(denied);
            rules.addAll(rules(g));
        }
        ClientRequest allowed = models.equals(request.models()) ? request : request.withModels(List.copyOf(models));
        return new Checked(allowed, List.copyOf(rules));
    }

    private static boolean modelAllowed(GuardrailPolicy p, String requested, String slug) {
        Optional<Set<String>> allowed = p.allowedModels();
        boolean listed = allowed.isEmpty() || allowed.get().stream().anyMatch(m -> names(m, requested, slug));
        return listed && p.ignoredModels().stream().noneMatch(m -> names(m, requested, slug));
    }

    private static boolean names(String entry, String requested, String slug) {
        return entry.equalsIgnoreCase(slug) || entry.equalsIgnoreCase(requested);
    }

    private static List<EndpointRule> rules(Guardrail g) {
        GuardrailPolicy p = g.policy();
        String by = " by guardrail '" + g.name() + "'";
        List<EndpointRule> rules = new ArrayList<>();
        p.allowedProviders().ifPresent(allowed -> rules.add(new EndpointRule("provider not allowed" + by,
                e -> allowed.stream().anyMatch(name -> e.isNamed(name)))));
        if (!p.ignoredProviders().isEmpty()) {
            rules.add(new EndpointRule("provider denied" + by,
                    e -> p.ignoredProviders().stream().noneMatch(name -> e.isNamed(name))));
        }
        rules.add(new EndpointRule("may train on prompts, which is not allowed" + by,
                e -> !e.dataPolicy().training() || p.allowsTraining(e.isFree())));
        rules.add(new EndpointRule("retains prompts (zero data retention required" + by + ")",
                e -> e.zeroDataRetention() || !p.requiresZdr(e.author())));
        p.maxPromptPerMillion().ifPresent(max -> rules.add(new EndpointRule("prompt price above the maximum" + by,
                e -> e.pricing().prompt().toUsd().multiply(MILLION).compareTo(max) <= 0)));
        p.maxCompletionPerMillion().ifPresent(max -> rules.add(new EndpointRule("completion price above the maximum" + by,
                e -> e.pricing().completion().toUsd().multiply(MILLION).compareTo(max) <= 0)));
        return rules;
    }

    /** What the request uses, in the terms of {@code allowed_features}. */
    static Set<RequestFeature> features(ClientRequest r) {
        Set<RequestFeature> used = EnumSet.noneOf(RequestFeature.class);
        if (r.usesTools()) {
            used.add(RequestFeature.TOOLS);
        }
        if (r.stream()) {
            used.add(RequestFeature.STREAMING);
        }
        if (r.body().hasNonNull("reasoning") || r.body().hasNonNull("reasoning_effort")
                || r.body().path("include_reasoning").asBoolean(false)) {
            used.add(RequestFeature.REASONING);
        }
        String format = r.body().path("response_format").path("type").asString("");
        if (format.equals("json_schema") || format.equals("json_object")) {
            used.add(RequestFeature.STRUCTURED_OUTPUTS);
        }
        if (r.inputModalities().contains("image")) {
            used.add(RequestFeature.IMAGES);
        }
        if (r.inputModalities().contains("file")) {
            used.add(RequestFeature.FILES);
        }
        if (r.inputModalities().contains("audio")) {
            used.add(RequestFeature.AUDIO);
        }
        return used;
    }
}
