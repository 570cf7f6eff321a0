package dev.junction.routing;

import java.util.List;

/** The result of the attempt that succeeded, which attempt it was, and the ones that failed before it. */
public record Committed<T>(Attempt attempt, T value, List<AttemptFailure> earlierFailures) {
    public Committed {
        earlierFailures = List.copyOf(earlierFailures);
    }
}
