package dev.junction.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Long-lived connections to Redis that requests pipeline their commands on: one per event loop, opened on it, so a
 * request's command and its answer never leave the request's thread, plus one for callers off the event loops;
 * each reopened on the next command after it breaks. A borrowed-per-command pool measured ten times slower under a
 * burst (each command waits for a free connection), and a single shared connection made the requests of every
 * other event loop hop to its thread and back (bench/RESULTS.md §5, §11).
 */
final class RedisLink {
    /** The key of the connection for callers that are not on an event loop (start-up, workers). */
    private static final Object OFF_LOOP = new Object();

    private final Vertx vertx;
    private final Redis client;
    /** By event-loop thread (or {@link #OFF_LOOP}); changed only by the map's own atomic operations. */
    private final Map<Object, Future<RedisConnection>> connections = new ConcurrentHashMap<>();
    private final LongAdder roundTrips = new LongAdder();

    RedisLink(Vertx vertx, String url) {
        this.vertx = vertx;
        // Connections are held for the process's life, one per event loop and one more: the pool only caps them.
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
                .setMaxPoolSize(64).setMaxWaitingHandlers(1_000_000));
    }

    Future<Response> send(Request request) {
        roundTrips.increment();
        return connection().compose(c -> c.send(request));
    }

    /** A pipelined batch: one round trip. */
    Future<List<Response>> batch(List<Request> requests) {
        roundTrips.increment();
        return connection().compose(c -> c.batch(requests));
    }

    /** Commands and batches sent so far, each one round trip (for metrics). */
    long roundTrips() {
        return roundTrips.sum();
    }

    /** The calling event loop's connection (opened on it when there is none), else the one for other threads. */
    private Future<RedisConnection> connection() {
        // By thread, not by context: Vert.x gives each request a context of its own on its loop's thread.
        Context context = Vertx.currentContext();
        Object owner = context != null && context.isEventLoopContext() ? Thread.currentThread() : OFF_LOOP;
        Future<RedisConnection> current = connections.get(owner);
        if (current != null && !current.failed()) {
            return current;
        }
        return connections.compute(owner, (k, existing) -> existing != null && !existing.failed() ? existing : open());
    }

    /** A new connection that forgets itself when it breaks. */
    private Future<RedisConnection> open() {
        return client.connect().onSuccess(c -> {
            c.exceptionHandler(e -> {
                if (forget(c)) {
                    closeLater(c);
                }
            });
            c.endHandler(v -> forget(c)); // already closed: closing it again from here trips the client
        });
    }

    /** Stops using a broken connection; true if it was one in use. */
    private boolean forget(RedisConnection broken) {
        return connections.values().removeIf(f -> f.succeeded() && f.result() == broken);
    }

    /**
     * Drops every connection after a command failed on one (a timeout, a reset): when one is half dead, Redis or the
     * path to it is in trouble, and the next command on each loop reconnects.
     */
    void reset() {
        for (Future<RedisConnection> dropped : removeAll()) {
            dropped.onSuccess(this::closeLater); // one still connecting is closed once it is open
        }
    }

    Future<Void> close() {
        for (Future<RedisConnection> dropped : removeAll()) {
            dropped.onSuccess(RedisConnection::close);
        }
        return client.close();
    }

    private List<Future<RedisConnection>> removeAll() {
        List<Future<RedisConnection>> removed = new ArrayList<>();
        for (Object owner : List.copyOf(connections.keySet())) {
            Future<RedisConnection> f = connections.remove(owner);
            if (f != null) {
                removed.add(f);
            }
        }
        return removed;
    }

    /**
     * Closes a connection in an event-loop task of its own, never from where we are. We are often inside a callback
     * of the Redis client, which fails a broken connection's commands while holding that connection's lock, and
     * closing a connection takes its lock: two loops whose connections broke at once, each closing the other's from
     * there, waited on each other for ever (RedisLinkTest).
     */
    private void closeLater(RedisConnection connection) {
        vertx.runOnContext(v -> connection.close());
    }
}
