package dev.junction.cluster;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether Redis is reachable. The first failed call marks it down (logged once); from then on a
 * {@code PING} every {@link #PROBE_MILLIS} looks for its return, which is logged and announced to
 * {@code onRecovery} — no restart needed.
 */
final class RedisHealth {
    private static final Logger LOG = LoggerFactory.getLogger(RedisHealth.class);
    static final long PROBE_MILLIS = 500;

    private final Vertx vertx;
    private final RedisLink redis;
    private final String where;
    private final long timeoutMillis;
    private final Runnable onRecovery;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private volatile String lastError = "";
    private final java.util.concurrent.atomic.AtomicLong outages = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    RedisHealth(Vertx vertx, RedisLink redis, String where, long timeoutMillis, Runnable onRecovery) {
        this.vertx = vertx;
        this.redis = redis;
        this.where = where;
        this.timeoutMillis = timeoutMillis;
        this.onRecovery = onRecovery;
    }

    boolean isUp() {
        return up.get();
    }

    /** How many times Redis went down since the start. */
    long outages() {
        return outages.get();
    }

    String lastError() {
        return lastError;
    }

    /** A call failed: Redis counts as down until a probe answers. */
    void failed(Throwable error, String outcome) {
        lastError = String.valueOf(error.getMessage());
        redis.reset(); // a timed-out connection may be half dead: the next command opens a fresh one
        if (up.compareAndSet(true, false)) {
            outages.incrementAndGet();
            LOG.error("Redis at {} is unreachable ({}): {} until it is back", where, lastError, outcome);
            probeLater();
        }
    }

    private void probeLater() {
        if (!closed) {
            vertx.setTimer(PROBE_MILLIS, id -> probe());
        }
    }

    private void probe() {
        redis.send(Request.cmd(Command.PING)).timeout(timeoutMillis, TimeUnit.MILLISECONDS).onComplete(result -> {
            if (result.succeeded()) {
                if (up.compareAndSet(false, true)) {
                    LOG.warn("Redis at {} is reachable again: shared limits and holds resume", where);
                    onRecovery.run();
                }
            } else {
                lastError = String.valueOf(result.cause().getMessage());
                probeLater();
            }
        });
    }

    void close() {
        closed = true;
    }
}
