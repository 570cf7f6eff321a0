package dev.junction.routing;

import java.util.List;
import java.util.Optional;

/**
 * The ordered attempts for one request.
 *
 * @param autoRoute what the auto-router chose and why, when the request asked for {@code openrouter/auto}
 */
public record RoutePlan(List<Attempt> attempts, Optional<AutoRouter.Choice> autoRoute) {
    public RoutePlan {
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one attempt");
        }
    }

    public RoutePlan(List<Attempt> attempts) {
        this(attempts, Optional.empty());
    }

    /** The auto-router rule that chose the model, when the request asked for {@code openrouter/auto}. */
    public Optional<String> autoRule() {
        return autoRoute.map(AutoRouter.Choice::rule);
    }

    /** Whether any attempt asks for the web plugin ({@code :online}). */
    public boolean wantsWebSearch() {
        return attempts.stream().anyMatch(a -> a.ref().is(ModelRef.Variant.ONLINE));
    }

    /**
     * Whether a free model may serve the request ({@code :free}, or a catalog model named so): such
     * requests count against the separate free-model rate limits.
     */
    public boolean usesFreeModel() {
        return attempts.stream().anyMatch(a -> a.ref().is(ModelRef.Variant.FREE) || a.servedModel().endsWith(":free"));
    }

    /** Whether the first model asks for reasoning to be switched on ({@code :thinking}). */
    public boolean wantsThinking() {
        return attempts.getFirst().ref().is(ModelRef.Variant.THINKING);
    }
}
