package dev.junction.providers;

/** Carries an {@link UpstreamFailure} through a failed {@code Future}. */
public final class UpstreamException extends RuntimeException {
    private final UpstreamFailure failure;

    public UpstreamException(UpstreamFailure failure) {
        super(failure.providerName() + ": " + failure.message(), null, false, false);
        this.failure = failure;
    }

    public UpstreamFailure failure() {
        return failure;
    }
}
