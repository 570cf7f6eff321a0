package dev.junction.routing;

import java.util.List;

/** Every attempt of a plan failed (or the request was cancelled); the failures in attempt order. */
public final class AllAttemptsFailedException extends RuntimeException {
    private final List<AttemptFailure> failures;

    public AllAttemptsFailedException(List<AttemptFailure> failures) {
        super(failures.getLast().failure().message(), null, false, false);
        this.failures = List.copyOf(failures);
    }

    public List<AttemptFailure> failures() {
        return failures;
    }

    /** The failure that decides what the client is told: the last one. */
    public AttemptFailure last() {
        return failures.getLast();
    }
}
