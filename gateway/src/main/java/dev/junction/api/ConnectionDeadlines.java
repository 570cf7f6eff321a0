package dev.junction.api;

import dev.junction.generation.ErrorRenderer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Closes the connections that hold the server without making progress, which Vert.x alone would keep
 * open forever (a slow-loris exposure): a connection with no request in progress for
 * {@code server.idle-timeout} — idle between requests, or never completing its request head, since a
 * head is only seen once it is whole — and a request whose body has not fully arrived
 * {@code server.body-read-timeout} after its head, which is answered 408 on a closing connection.
 *
 * <p>A request the gateway is still answering is exempt, however quiet: a stream waiting for its first
 * token, or a non-streaming answer from a reasoning model that thinks for minutes, is bounded by the
 * upstream timeouts, not by the client's silence. That is why this is not Vert.x's own idle timeout,
 * which only counts bytes and would cut such a request.
 *
 * <p>One periodic sweep per event loop checks that event loop's connections, rather than a timer per
 * request: the request path only records the request's arrival. Everything here runs on the event
 * loop that owns the connections.
 */
final class ConnectionDeadlines {
    private static final Duration FINEST_SWEEP = Duration.ofMillis(10);
    private static final Duration COARSEST_SWEEP = Duration.ofSeconds(1);

    private final long idleNanos;
    private final Duration bodyTimeout;
    private final LongSupplier nanoTime;
    private final Function<HttpServerRequest, ErrorRenderer> errors;
    private final Map<HttpConnection, Watch> connections = new HashMap<>();

    /** @param errors how the route a request is for writes its errors: the 408 goes in its envelope */
    ConnectionDeadlines(Duration idleTimeout, Duration bodyTimeout, LongSupplier nanoTime,
                        Function<HttpServerRequest, ErrorRenderer> errors) {
        this.idleNanos = idleTimeout.toNanos();
        this.bodyTimeout = bodyTimeout;
        this.nanoTime = nanoTime;
        this.errors = errors;
    }

    /** How often {@link #sweep()} must run: a deadline is acted on at most this late. */
    Duration sweepInterval() {
        Duration shortest = Duration.ofNanos(Math.min(idleNanos, bodyTimeout.toNanos())).dividedBy(8);
        return shortest.compareTo(FINEST_SWEEP) < 0 ? FINEST_SWEEP
                : shortest.compareTo(COARSEST_SWEEP) > 0 ? COARSEST_SWEEP : shortest;
    }

    /** Called with every new connection; the connection's close handler is this class's from then on. */
    void opened(HttpConnection connection) {
        connections.put(connection, new Watch(nanoTime.getAsLong()));
        connection.closeHandler(v -> connections.remove(connection));
    }

    /** Called with every request head, before the request is handled. */
    void arrived(HttpServerRequest request) {
        long now = nanoTime.getAsLong();
        Watch watch = connections.get(request.connection());
        if (watch == null) { // not expected: every connection is announced before its first request
            watch = new Watch(now);
            connections.put(request.connection(), watch);
        }
        // The connection's earlier requests are usually finished by now (keep-alive): let them go here rather
        // than at the next sweep. A finished request still reaches its whole generation through its handlers,
        // and holding every request of the last sweep interval made them outlive young collections, to be
        // copied and promoted (bench/RESULTS.md §10).
        watch.inFlight.removeIf(flight -> finished(flight.request()));
        watch.inFlight.add(new InFlight(request, now + bodyTimeout.toNanos()));
        watch.idle = false;
    }

    void sweep() {
        long now = nanoTime.getAsLong();
        List<HttpConnection> idle = new ArrayList<>(0);
        List<HttpServerRequest> stalled = new ArrayList<>(0);
        for (Map.Entry<HttpConnection, Watch> entry : connections.entrySet()) {
            Watch watch = entry.getValue();
            for (Iterator<InFlight> it = watch.inFlight.iterator(); it.hasNext(); ) {
                InFlight flight = it.next();
                if (finished(flight.request())) {
                    it.remove();
                } else if (!flight.request().isEnded() && now - flight.bodyDeadline() >= 0) {
                    it.remove();
                    stalled.add(flight.request());
                }
            }
            if (!watch.inFlight.isEmpty()) {
                continue;
            }
            if (!watch.idle) {
                // Noticed here, at most one sweep after the last response ended: the idle time only grows.
                watch.idle = true;
                watch.idleSince = now;
            } else if (now - watch.idleSince >= idleNanos) {
                idle.add(entry.getKey());
            }
        }
        // Acted on after the walk: closing a connection removes it from the map.
        stalled.forEach(this::bodyTimedOut);
        idle.forEach(HttpConnection::close);
    }

    private void bodyTimedOut(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (response.headWritten() || response.closed()) {
            // Already answered without reading the whole body (a 401, say): nobody waits for an answer.
            request.connection().close();
        } else {
            ErrorResponder.sendAndClose(request, new ApiException(408,
                    "The request body did not arrive within " + bodyTimeout.toMillis() + "ms of the request head"),
                    errors.apply(request));
        }
    }

    private static boolean finished(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        return request.isEnded() && (response.ended() || response.closed());
    }

    private record InFlight(HttpServerRequest request, long bodyDeadline) {}

    private static final class Watch {
        /** Requests whose body or answer is still under way: HTTP/1.1 pipelining may queue several. */
        final List<InFlight> inFlight = new ArrayList<>(1);
        boolean idle = true;
        long idleSince;

        Watch(long openedAt) {
            idleSince = openedAt;
        }
    }
}
