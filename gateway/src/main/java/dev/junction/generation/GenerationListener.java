package dev.junction.generation;

import dev.junction.providers.UpstreamFailure;
import dev.junction.routing.Attempt;
import dev.junction.routing.AttemptFailure;
import dev.junction.wire.ClientRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one hook into a generation's life, for what operators watch (metrics, traces): told of every admission
 * refused and of every generation opened, then — through the generation's own {@link Observation} — of each
 * attempt, the commit and the end. Called on the generation's event loop; an implementation must be cheap and must
 * not throw (a throwing listener is a bug in the gateway, and it ends the generation as crashed).
 */
public interface GenerationListener {
    GenerationListener NONE = new GenerationListener() {};

    /** Admission refused the request: a rate limit (429), the credits (402), a cluster outage (503), or routing. */
    default void refused(ClientRequest request, Throwable cause) {}

    /** Whether generations keep their answer's text for {@link Generation#producedText()} (costly: off by default). */
    default boolean keepsText() {
        return false;
    }

    /** A generation was admitted; what it answers sees the rest of its life. */
    default Observation opened(Generation generation) {
        return Observation.NONE;
    }

    /** One generation's life, as a listener follows it. */
    interface Observation {
        Observation NONE = new Observation() {};

        /**
         * An attempt is about to be sent. Answers the headers the upstream request carries for it (the W3C trace
         * context of the attempt's span), usually none.
         */
        default Map<String, String> attempting(Attempt attempt) {
            return Map.of();
        }

        /**
         * The attempts that failed, in order, once the outcome is known (the commit, or no attempt left). Every one
         * but the last was followed by another attempt; {@code lastFellBack} tells whether the last one was too.
         */
        default void attemptsFailed(List<AttemptFailure> failures, boolean lastFellBack) {}

        /** The attempt whose answer the client gets. */
        default void committed(Attempt attempt) {}

        /**
         * The generation is over: settled and recorded, {@link Generation#summary()} final. {@code midStream} is the
         * failure that broke a committed stream off, if one did.
         */
        default void finished(Generation generation, Optional<UpstreamFailure> midStream) {}

        /** The trace this generation is part of, for log lines; empty when not traced. */
        default Optional<String> traceId() {
            return Optional.empty();
        }
    }

    /** Every listener of {@code listeners}, in order. */
    static GenerationListener all(List<GenerationListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> NONE;
            case 1 -> listeners.getFirst();
            default -> new GenerationListeners(List.copyOf(listeners));
        };
    }
}
