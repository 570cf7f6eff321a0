package dev.junction.cluster;

import dev.junction.config.ClusterConfig;
import dev.junction.store.Credits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * What a process that changes the shared database without being a gateway (the CLI) tells a cluster's
 * Redis, so that the gateways apply the change at once, as they do a change made through their API: a
 * key's new stamp, an account's new credits. Without Redis configured there is no one to tell; when Redis
 * cannot be reached, the gateways pick the change up within their key cache lifetime (10 s) or credit
 * refresh (5 s). Blocking: for the command line, not for an event loop.
 */
public final class ClusterNotices {
    private static final LuaScript CREDITS = LuaScript.named("credits");
    private static final long WAIT_SECONDS = 10;

    private ClusterNotices() {}

    /** Tells the cluster that the key changed (disabled, enabled, deleted). False if Redis could not be told. */
    public static boolean keyChanged(ClusterConfig config, String hash) {
        return tell(config, redis -> {
            RedisKeyStamps stamps = new RedisKeyStamps(redis);
            return redis.isUp() ? stamps.changed(hash).map(v -> redis.isUp()) : Future.succeededFuture(false);
        });
    }

    /** Puts the account's credits, as the database has them now, into Redis. False if Redis could not be told. */
    public static boolean creditsGranted(ClusterConfig config, String accountId, Credits credits) {
        return tell(config, redis -> redis.call(CREDITS, List.of(redis.names().accountBudget(accountId)),
                        List.of(Long.toString(credits.total().picos()), Long.toString(credits.grants())))
                .map(r -> true)
                .otherwise(false));
    }

    private static boolean tell(ClusterConfig config, Function<SharedRedis, Future<Boolean>> notice) {
        if (config.redisUrl().isEmpty()) {
            return true;
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try (SharedRedis redis = SharedRedis.connect(vertx, config)) {
            return notice.apply(redis).toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        }
    }
}
