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
 * Keeps this instance's presence key alive in Redis, and reclaims the holds of instances whose presence
 * has expired — crashed, killed or cut off — so that their reservations are freed within
 * {@code cluster.instance-ttl} of their stopping, never kept forever.
 *
 * <p>The bound is the TTL: a presence key lives {@link Timings#presence} after its last refresh, and every
 * instance sweeps every {@link Timings#sweep}, the two adding up to the TTL. A live instance refreshes
 * every {@link Timings#beat}, so it is taken for gone only if a refresh is late by more than
 * {@code presence - beat} (0.7 × the TTL).
 */
final class Presence {
    private static final Logger LOG = LoggerFactory.getLogger(Presence.class);
    private static final LuaScript RECLAIM = LuaScript.named("reclaim");
    /** How long the ids of reclaimed holds are kept, for a presumed-dead instance that settles after all. */
    private static final long RECLAIMED_EXPIRY_MILLIS = Duration.ofDays(1).toMillis();

    private final Vertx vertx;
    private final SharedRedis redis;
    private final RedisKeys names;
    private final String instance;
    private final Timings timings;
    private long beatTimer = -1;
    private long sweepTimer = -1;

    /** How often to refresh, how long a refresh lasts, how often to look for instances gone. */
    record Timings(long beat, long presence, long sweep) {
        static Timings of(Duration instanceTtl) {
            long ttl = instanceTtl.toMillis();
            long sweep = Math.max(1, ttl / 10);
            return new Timings(Math.max(1, ttl / 5), ttl - sweep, sweep);
        }
    }

    Presence(Vertx vertx, SharedRedis redis, String instance) {
        this.vertx = vertx;
        this.redis = redis;
        this.names = redis.names();
        this.instance = instance;
        this.timings = Timings.of(redis.config().instanceTtl());
    }

    void start() {
        beat();
        beatTimer = vertx.setPeriodic(timings.beat(), id -> beat());
        sweepTimer = vertx.setPeriodic(timings.sweep(), id -> sweep());
    }

    /** Refreshes this instance's presence and lists it among the instances others watch. */
    void beat() {
        redis.link().batch(List.of(
                        Request.cmd(Command.SET).arg(names.presence(instance)).arg("1").arg("PX").arg(timings.presence()),
                        Request.cmd(Command.SADD).arg(names.instances()).arg(instance)))
                .timeout(redis.timeoutMillis(), TimeUnit.MILLISECONDS)
                .onFailure(redis::failed);
    }

    /** Reclaims the holds of every other listed instance whose presence has expired. */
    Future<Void> sweep() {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(names.instances()))
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
        return redis.call(RECLAIM, List.of(names.holds(other), names.presence(other), names.instances(), names.reclaimed(other)),
                        List.of(other, Long.toString(RECLAIMED_EXPIRY_MILLIS)))
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
