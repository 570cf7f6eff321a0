package dev.junction.routing;

import dev.junction.wire.ProviderPreferences;
import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Applies the request's hard requirements to a model's endpoints, keeping count of what each rule
 * excluded so that an empty result can be explained.
 */
final class EndpointFilter {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** Why endpoints were excluded, in the order the rules ran, with how many each rule removed. */
    final Map<String, Integer> exclusions = new LinkedHashMap<>();
    boolean excludedForCredentials;
    boolean excludedForContext;

    List<Endpoint> apply(Model model, List<Endpoint> endpoints, RoutingRequest request, List<EndpointRule> rules) {
        ProviderPreferences p = request.preferences();
        List<Endpoint> result = new ArrayList<>(endpoints);
        rule(result, "no provider credentials", Endpoint::routable);
        if (!model.architecture().outputModalities().containsAll(request.outputModalities())) {
            rule(result, "model does not output " + String.join(" and ", request.outputModalities()) + " (modalities)",
                    e -> false);
        }
        if (p.enforceDistillableText() && !model.distillableText()) {
            rule(result, "model's author does not allow distillation (provider.enforce_distillable_text)", e -> false);
        }
        p.only().ifPresent(only -> rule(result, "not in provider.only", e -> only.stream().anyMatch(e::isNamed)));
        rule(result, "in provider.ignore", e -> p.ignore().stream().noneMatch(e::isNamed));
        if (!p.quantizations().isEmpty()) {
            rule(result, "quantization not in provider.quantizations",
                    e -> p.quantizations().contains(e.quantization().orElse("unknown").toLowerCase(Locale.ROOT)));
        }
        rule(result, "above provider.max_price", e -> withinMaxPrice(e, p.maxPrice()));
        if (p.requireParameters()) {
            rule(result, "does not support every parameter sent (provider.require_parameters)",
                    e -> e.supportedParameters().containsAll(request.parameters()));
        }
        if (p.denyDataCollection()) {
            rule(result, "may train on prompts (provider.data_collection: deny)", e -> !e.dataPolicy().training());
        }
        if (p.zdr()) {
            rule(result, "retains prompts (provider.zdr)", Endpoint::zeroDataRetention);
        }
        for (EndpointRule r : rules) {
            rule(result, r.reason(), r.keep());
        }
        long needed = request.promptTokens() + request.maxTokens().orElse(0);
        rule(result, "context too small for the prompt and max_tokens",
                e -> fits(e, request, needed) || compressible(e, request));
        return result;
    }

    /** Whether this endpoint serves only because middle-out will shorten the prompt for it. */
    boolean needsCompression(Endpoint e, RoutingRequest request) {
        return !fits(e, request, request.promptTokens() + request.maxTokens().orElse(0));
    }

    private static boolean fits(Endpoint e, RoutingRequest request, long needed) {
        return (e.contextLength() <= 0 || needed <= e.contextLength())
                && (e.maxPromptTokens().isEmpty() || request.promptTokens() <= e.maxPromptTokens().getAsInt());
    }

    /** Middle-out will shorten the prompt to fit, so long as {@code max_tokens} leaves room for one. */
    private static boolean compressible(Endpoint e, RoutingRequest request) {
        return request.transforms().middleOutFor(e.contextLength())
                && request.maxTokens().orElse(0) < e.contextLength() / 2;
    }

    private void rule(List<Endpoint> endpoints, String reason, Predicate<Endpoint> keep) {
        int before = endpoints.size();
        endpoints.removeIf(keep.negate());
        int removed = before - endpoints.size();
        if (removed > 0) {
            exclusions.merge(reason, removed, Integer::sum);
            excludedForCredentials |= reason.startsWith("no provider credentials");
            excludedForContext |= reason.startsWith("context");
        }
    }

    private static boolean withinMaxPrice(Endpoint e, ProviderPreferences.MaxPrice max) {
        return within(max.promptPerMillion(), e.pricing().prompt().toUsd().multiply(MILLION))
                && within(max.completionPerMillion(), e.pricing().completion().toUsd().multiply(MILLION))
                && within(max.request(), e.pricing().request().toUsd())
                && within(max.image(), e.pricing().image().toUsd());
    }

    private static boolean within(Optional<BigDecimal> limit, BigDecimal price) {
        return limit.isEmpty() || price.compareTo(limit.get()) <= 0;
    }
}
