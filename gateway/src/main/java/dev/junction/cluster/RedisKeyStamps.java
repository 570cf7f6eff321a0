package dev.junction.cluster;

import dev.junction.keys.KeyStamps;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key stamps in Redis, one string per key ({@link RedisKeys#keyStamp}) that the admission script compares
 * with the stamp of the caller's copy. A stamp that cannot be set (Redis unreachable) is set when Redis is
 * back; meanwhile other instances serve with the copies they have, for at most their cache lifetime.
 */
public final class RedisKeyStamps implements KeyStamps {
    private static final Logger LOG = LoggerFactory.getLogger(RedisKeyStamps.class);
    private static final LuaScript STAMP = LuaScript.named("stamp");
    /** Unused stamps go; a copy read under one that went is reloaded once, nothing worse. */
    static final long EXPIRY_MILLIS = 86_400_000L;

    private final SharedRedis redis;
    /** Keys changed while Redis could not be told, to stamp once it can. */
    private final Set<String> unannounced = ConcurrentHashMap.newKeySet();

    public RedisKeyStamps(SharedRedis redis) {
        this.redis = redis;
        redis.onRecovery(this::announceMissed);
    }

    @Override
    public Future<String> peek(String hash) {
        if (!redis.isUp()) {
            return Future.succeededFuture(UNKNOWN);
        }
        return redis.send(Request.cmd(Command.GET).arg(redis.names().keyStamp(hash)))
                .map(r -> r == null ? NO_STAMP : r.toString())
                .otherwise(e -> {
                    failed(e);
                    return UNKNOWN;
                });
    }

    @Override
    public Future<String> ensure(String hash) {
        if (!redis.isUp()) {
            return Future.succeededFuture(UNKNOWN);
        }
        return redis.call(STAMP, List.of(redis.names().keyStamp(hash)), List.of(newStamp(), Long.toString(EXPIRY_MILLIS)))
                .map(r -> r.toString())
                .otherwise(e -> {
                    failed(e);
                    return UNKNOWN;
                });
    }

    @Override
    public Future<Void> changed(String hash) {
        return redis.send(Request.cmd(Command.SET).arg(redis.names().keyStamp(hash)).arg(newStamp())
                        .arg("PX").arg(EXPIRY_MILLIS))
                .<Void>mapEmpty()
                .otherwise(e -> {
                    LOG.warn("key {}… changed, but Redis cannot be told ({}): other instances apply the change within"
                            + " their key cache lifetime, or when Redis is back", hash.substring(0, Math.min(8, hash.length())), e.toString());
                    unannounced.add(hash);
                    failed(e);
                    return null;
                });
    }

    @Override
    public Future<Boolean> isCurrent(String hash, String stamp) {
        if (!redis.isUp()) {
            return Future.succeededFuture(true);
        }
        return redis.send(Request.cmd(Command.GET).arg(redis.names().keyStamp(hash)))
                .map(r -> r != null && r.toString().equals(stamp))
                .otherwise(e -> {
                    failed(e);
                    return true;
                });
    }

    private void announceMissed() {
        for (String hash : unannounced) {
            unannounced.remove(hash);
            changed(hash);
        }
    }

    private void failed(Throwable e) {
        if (e instanceof SharedRedis.RedisUnreachable) {
            redis.failed(e.getCause());
        }
    }

    private static String newStamp() {
        return UUID.randomUUID().toString();
    }
}
