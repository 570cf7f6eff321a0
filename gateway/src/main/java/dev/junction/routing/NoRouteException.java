package dev.junction.routing;

/** The request names models that exist but none of them has an endpoint Junction can use now. */
public final class NoRouteException extends RuntimeException {
    public NoRouteException(String message) {
        super(message, null, false, false);
    }
}
