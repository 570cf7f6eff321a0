package dev.junction.api;

import dev.junction.generation.Generation;
import dev.junction.observability.AccessLog;
import dev.junction.observability.AccessRecord;
import dev.junction.observability.InFlightRequests;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Follows each request from its arrival to the end of its answer: counts it in flight (a clean stop waits for
 * it) and, once it is over, hands its access-log line to the {@link AccessLog}. A generation request's line
 * waits for the generation to finish, so it carries the exact tokens and cost — also when the client left first.
 * One per event loop, and used only there: the map needs no lock.
 */
final class RequestTracker {
    private final AccessLog log;
    private final InFlightRequests inFlight;
    private final LongSupplier nanos;
    private final Map<HttpServerRequest, Generation> generations = new IdentityHashMap<>();

    RequestTracker(AccessLog log, InFlightRequests inFlight, LongSupplier nanos) {
        this.log = log;
        this.inFlight = inFlight;
        this.nanos = nanos;
    }

    void arrived(HttpServerRequest request) {
        long start = nanos.getAsLong();
        inFlight.arrived();
        // Vert.x calls the end handler once the answer is written, or when the connection closes before that.
        request.response().endHandler(v -> ended(request, start));
    }

    /** The request became this generation: its log line will say what the generation did. */
    void generation(HttpServerRequest request, Generation generation) {
        HttpServerResponse response = request.response();
        // A client that left while the request was being admitted has had its line already; nothing must linger.
        if (!response.closed() && !response.ended()) {
            generations.put(request, generation);
        }
    }

    private void ended(HttpServerRequest request, long start) {
        HttpServerResponse response = request.response();
        long latency = nanos.getAsLong() - start;
        int status = response.ended() ? response.getStatusCode() : AccessRecord.CLIENT_CLOSED;
        if (response.ended()) {
            inFlight.answered();
        } else {
            inFlight.cut();
        }
        Generation generation = generations.remove(request);
        String method = request.method().name();
        String path = request.path();
        if (generation == null) {
            log.log(new AccessRecord(method, path, status, latency, Optional.empty()));
            return;
        }
        // A client that left is noticed by the generation after this handler: the line waits for its bill.
        generation.done().onComplete(finished ->
                log.log(new AccessRecord(method, path, status, latency, Optional.of(generation.summary()))));
    }
}
