package dev.junction.observability;

import dev.junction.generation.GenerationSummary;

import java.util.Objects;
import java.util.Optional;

/**
 * One request as the access log writes it. Nothing in it identifies the caller's key.
 *
 * @param method       the HTTP method
 * @param route        the route's pattern ({@code /api/v1/models/{author}/{slug}}), {@value #UNMATCHED} for a path
 *                     no route serves: what metrics label a request by, whatever path a client chose
 * @param path         the path, without the query (which may carry anything a client chose to put there)
 * @param status       the status sent, or 499 when the client closed the connection before the answer was out
 * @param latencyNanos from the request's arrival to the end of its answer (the whole stream, for a stream)
 * @param generation   for a generation request that got as far as a generation: what it knows of itself
 */
public record AccessRecord(String method, String route, String path, int status, long latencyNanos,
                           Optional<GenerationSummary> generation) {
    /** nginx's status for a request whose client went away before its answer. */
    public static final int CLIENT_CLOSED = 499;
    /** The route of a request for a path that no route serves. */
    public static final String UNMATCHED = "unmatched";

    public AccessRecord {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(generation, "generation");
    }
}
