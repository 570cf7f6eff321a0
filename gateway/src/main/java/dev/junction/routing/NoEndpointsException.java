package dev.junction.routing;

/**
 * The requested models exist and have endpoints, but the request's preferences or size rule every
 * one of them out. The status says whose problem it is: 400 when the prompt is too long for every
 * endpoint, 404 when the preferences match nothing (as OpenRouter answers).
 */
public final class NoEndpointsException extends RuntimeException {
    private final int status;

    public NoEndpointsException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
