package dev.junction.routing;

/** The request names a model the catalog does not have. */
public final class UnknownModelException extends RuntimeException {
    private final String model;

    public UnknownModelException(String model) {
        super(model + " is not a valid model ID", null, false, false);
        this.model = model;
    }

    public String model() {
        return model;
    }
}
