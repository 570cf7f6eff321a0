package dev.junction.cluster;

import dev.junction.config.ClusterConfig;
import dev.junction.config.ClusterConfig.OnOutage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Redis a cluster shares, as every part of cluster mode talks to it: pipelined connections (one per event loop), the
 * names under the configured prefix, the request timeout, and whether Redis is reachable — one outage
 * for all (the first call that fails marks it, a probe finds its return and tells every part that asked
 * through {@link #onRecovery}). Reports on {@code /ready}.
 */
public final class SharedRedis implements SharedService, AutoCloseable {
    private static final long WARM_UP_SECONDS = 5;

    private final RedisLink link;
    private final RedisKeys names;
    private final ClusterConfig config;
    private final RedisHealth health;
    private final String where;
    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();

    private SharedRedis(Vertx vertx, ClusterConfig config) {
        String url = config.redisUrl().orElseThrow();
        this.link = new RedisLink(vertx, url);
        this.names = new RedisKeys(config.keyPrefix());
        this.config = config;
        this.where = redacted(url);
        this.health = new RedisHealth(vertx, link, where, timeoutMillis(), () -> recoveryListeners.forEach(Runnable::run));
    }

    /**
     * Connects before traffic arrives, with more patience than a request gets: a cold start (class loading,
     * connection set-up) must not count as an outage. Redis being down at start is not fatal; it is
     * reported, and picked up when it comes.
     */
    public static SharedRedis connect(Vertx vertx, ClusterConfig config) {
        SharedRedis redis = new SharedRedis(vertx, config);
        try {
            redis.link.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture().get(WARM_UP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            redis.failed(e instanceof ExecutionException ? e.getCause() : e);
        }
        return redis;
    }

    String where() {
        return where;
    }

    RedisKeys names() {
        return names;
    }

    ClusterConfig config() {
        return config;
    }

    RedisLink link() {
        return link;
    }

    long timeoutMillis() {
        return config.redisTimeout().toMillis();
    }

    boolean failsOpen() {
        return config.onOutage() == OnOutage.FAIL_OPEN;
    }

    boolean isUp() {
        return health.isUp();
    }

    /** Runs {@code listener} each time Redis is reachable again after an outage. */
    void onRecovery(Runnable listener) {
        recoveryListeners.add(listener);
    }

    /** A call did not get through: Redis counts as down until a probe answers. */
    void failed(Throwable error) {
        health.failed(error, failsOpen()
                ? "failing open: each instance enforces limits and holds on its own"
                : "failing closed: completion requests get 503");
    }

    /** Runs a script; fails with {@link RedisUnreachable} when Redis does not answer in time. */
    Future<Response> call(LuaScript script, List<String> keys, List<String> args) {
        return script.run(link, keys, args, timeoutMillis()).recover(SharedRedis::classify);
    }

    /** Sends a command; fails with {@link RedisUnreachable} when Redis does not answer in time. */
    Future<Response> send(Request request) {
        return link.send(request).timeout(timeoutMillis(), TimeUnit.MILLISECONDS).recover(SharedRedis::classify);
    }

    /** A script or command error is a bug and stays one; anything else means Redis is out of reach. */
    private static Future<Response> classify(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("ERR") || message.startsWith("WRONGTYPE") || message.startsWith("NOSCRIPT")) {
            return Future.failedFuture(new IllegalStateException("Redis refused a command: " + message, e));
        }
        return Future.failedFuture(new RedisUnreachable(e));
    }

    /** The URL without its password, for logs. */
    private static String redacted(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(the configured URL)";
        }
    }

    /** Commands and pipelined batches sent to Redis so far: round trips. */
    public long roundTrips() {
        return link.roundTrips();
    }

    /** How many outages began since the start. */
    public long outages() {
        return health.outages();
    }

    /** Whether Redis answers now. */
    public boolean reachable() {
        return health.isUp();
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean ready() {
        return health.isUp() || failsOpen();
    }

    @Override
    public String state() {
        if (health.isUp()) {
            return "up";
        }
        return failsOpen() ? "down (failing open)" : "down";
    }

    @Override
    public void close() {
        health.close();
        link.close();
    }

    /** Redis did not answer: a connection failure or a timeout, as opposed to an error it reported. */
    static final class RedisUnreachable extends RuntimeException {
        RedisUnreachable(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
