package dev.junction.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.List;

/**
 * One long-lived connection to Redis that every request pipelines its commands on, reopened on the
 * next command after it breaks. A borrowed-per-command pool measured ten times slower under a burst
 * (each command waits for a free connection); Redis runs commands one at a time anyway.
 */
final class RedisLink {
    private final Redis client;
    private Future<RedisConnection> connection; // guarded by this; null when there is none
    private final java.util.concurrent.atomic.LongAdder roundTrips = new java.util.concurrent.atomic.LongAdder();

    RedisLink(Vertx vertx, String url) {
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
                .setMaxPoolSize(2).setMaxWaitingHandlers(1_000_000));
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

    private synchronized Future<RedisConnection> connection() {
        Future<RedisConnection> current = connection;
        if (current == null || current.failed()) {
            current = client.connect().onSuccess(c -> {
                c.exceptionHandler(e -> {
                    if (forget(c)) {
                        c.close();
                    }
                });
                c.endHandler(v -> forget(c)); // already closed: closing it again from here trips the client
            });
            connection = current;
        }
        return current;
    }

    /** Stops using a broken connection; true if it was the one in use. */
    private synchronized boolean forget(RedisConnection broken) {
        if (connection != null && connection.succeeded() && connection.result() == broken) {
            connection = null;
            return true;
        }
        return false;
    }

    /** Drops the connection after a command failed on it (a timeout, a reset): the next command reconnects. */
    synchronized void reset() {
        if (connection != null && connection.succeeded()) {
            connection.result().close();
        }
        connection = null;
    }

    Future<Void> close() {
        reset();
        return client.close();
    }
}
