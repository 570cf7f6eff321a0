package dev.junction.api;

import dev.junction.generation.Generation;
import dev.junction.observability.AccessLog;
import dev.junction.observability.AccessRecord;
import dev.junction.observability.InFlightRequests;
import dev.junction.observability.RequestMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Follows each request from its arrival to the end of its answer: counts it in flight (a clean stop waits for
 * it) and, once it is over, hands its {@link AccessRecord} to the {@link AccessLog} and the {@link RequestMetrics}.
 * A generation request's record waits for the generation to finish, so it carries the exact tokens and cost — also
 * when the client left first. One per event loop, and used only there.
 */
final class RequestTracker {
    private final AccessLog log;
    private final RequestMetrics metrics;
    private final InFlightRequests inFlight;
    private final LongSupplier nanos;
    /** The requests being answered on this event loop: used only there, so the map needs no lock. */
    private final Map<HttpServerRequest, Visit> visits = new IdentityHashMap<>();

    RequestTracker(AccessLog log, RequestMetrics metrics, InFlightRequests inFlight, LongSupplier nanos) {
        this.log = log;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.nanos = nanos;
    }

    /** A request arrived: followed until its answer is over. */
    Visit arrived(HttpServerRequest request) {
        inFlight.arrived();
        Visit visit = new Visit(request, nanos.getAsLong());
        visits.put(request, visit);
        // Vert.x calls the end handler once the answer is written, or when the connection closes before that.
        request.response().endHandler(visit);
        return visit;
    }

    /** The request became this generation: its record will say what the generation did. */
    void generation(HttpServerRequest request, Generation generation) {
        Visit visit = visits.get(request);
        if (visit != null) {
            visit.generation(generation);
        }
    }

    /** One request, from its arrival to its record. */
    final class Visit implements Handler<Void> {
        private final HttpServerRequest request;
        private final long start;
        private String route = AccessRecord.UNMATCHED;
        private Generation generation;

        private Visit(HttpServerRequest request, long start) {
            this.request = request;
            this.start = start;
        }

        /** The route that serves it, by its pattern. */
        void routed(String pattern) {
            route = pattern;
        }

        private void generation(Generation generation) {
            HttpServerResponse response = request.response();
            // A client that left while the request was being admitted has had its record already.
            if (!response.closed() && !response.ended()) {
                this.generation = generation;
            }
        }

        @Override
        public void handle(Void ended) {
            visits.remove(request);
            HttpServerResponse response = request.response();
            long latency = nanos.getAsLong() - start;
            int status = response.ended() ? response.getStatusCode() : AccessRecord.CLIENT_CLOSED;
            if (response.ended()) {
                inFlight.answered();
            } else {
                inFlight.cut();
            }
            String method = request.method().name();
            String path = request.path();
            Generation g = generation;
            generation = null;
            if (g == null) {
                record(new AccessRecord(method, route, path, status, latency, Optional.empty()));
                return;
            }
            // A client that left is noticed by the generation after this handler: the record waits for its bill.
            g.done().onComplete(finished ->
                    record(new AccessRecord(method, route, path, status, latency, Optional.of(g.summary()))));
        }

        private void record(AccessRecord record) {
            log.log(record);
            metrics.record(record);
        }
    }
}
