package dev.junction.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this instance's presence key alive in Redis, and reclaims the holds of instances whose
 * presence has expired — crashed, killed or cut off — so their reservations are freed after
 * {@code cluster.instance-ttl}, never kept forever.
 */
final class Presence {
    private static final Logger LOG = LoggerFactory.getLogger(Presence.class);
    private static final LuaScript RECLAIM = LuaScript.named("reclaim");

    private final Vertx vertx;
    private final RedisLink redis;
    private final RedisKeys names;
    private final String instance;
    private final long ttlMillis;
    private final RedisHealth health;
    private final long timeoutMillis;
    private long beatTimer = -1;
    private long sweepTimer = -1;

    Presence(Vertx vertx, RedisLink redis, RedisKeys names, String instance, Duration ttl, RedisHealth health, long timeoutMillis) {
        this.vertx = vertx;
        this.redis = redis;
        this.names = names;
        this.instance = instance;
        this.ttlMillis = ttl.toMillis();
        this.health = health;
        this.timeoutMillis = timeoutMillis;
    }

    void start() {
        beat();
        beatTimer = vertx.setPeriodic(Math.max(1, ttlMillis / 3), id -> beat());
        sweepTimer = vertx.setPeriodic(Math.max(1, ttlMillis / 2), id -> sweep());
    }

    /** Refreshes this instance's presence and lists it among the instances others watch. */
    void beat() {
        redis.batch(List.of(
                        Request.cmd(Command.SET).arg(names.presence(instance)).arg("1").arg("PX").arg(ttlMillis),
                        Request.cmd(Command.SADD).arg(names.instances()).arg(instance)))
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .onFailure(e -> health.failed(e, "holds cannot be shared"));
    }

    /** Reclaims the holds of every other listed instance whose presence has expired. */
    Future<Void> sweep() {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(names.instances()))
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .compose(members -> {
                    Future<Void> all = Future.succeededFuture();
                    for (Response member : members) {
                        String other = member.toString();
                        if (!other.equals(instance)) {
                            all = all.compose(v -> reclaim(other));
                        }
                    }
                    return all;
                })
                .onFailure(e -> LOG.debug("presence sweep failed: {}", e.toString()));
    }

    private Future<Void> reclaim(String other) {
        return RECLAIM.run(redis, List.of(names.holds(other), names.presence(other), names.instances()), List.of(other), timeoutMillis)
                .map(reply -> {
                    long freed = reply.toLong();
                    if (freed > 0) {
                        LOG.warn("instance {} stopped without settling {} credit holds: reclaimed them", other, freed);
                    }
                    return null;
                });
    }

    void close() {
        vertx.cancelTimer(beatTimer);
        vertx.cancelTimer(sweepTimer);
    }
}
