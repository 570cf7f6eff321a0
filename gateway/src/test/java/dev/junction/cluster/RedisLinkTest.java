package dev.junction.cluster;

import dev.junction.testing.ClusterTesting;
import dev.junction.testing.TcpProxy;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The connections {@link RedisLink} keeps, one per event loop, as a cluster instance sees them break. */
class RedisLinkTest {

    /**
     * Both loops' connections break at once, and each loop's failed command resets the link, as a request
     * that finds Redis gone does. The Redis client fails a connection's pending commands while it holds that
     * connection's lock, and closing a connection takes its lock: had {@code reset} closed the other loop's
     * connection from there, each loop would wait for the other's lock for ever, and the instance would
     * answer nothing again (RedisRecoveryTest saw it as a {@code /ready} that timed out).
     */
    @Test
    void twoLoopsWhoseConnectionsBreakAtOnceBothResetTheLinkAndKeepRunning() throws Exception {
        String redisUrl = ClusterTesting.redisUrl();
        Assumptions.assumeTrue(redisUrl != null && !redisUrl.isBlank(),
                () -> "needs " + ClusterTesting.REDIS_URL_VARIABLE + " (e.g. redis://127.0.0.1:6379)");
        URI redis = URI.create(redisUrl);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try (TcpProxy relay = TcpProxy.to(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort())) {
            RedisLink link = new RedisLink(vertx, "redis://127.0.0.1:" + relay.port());
            List<Context> loops = twoEventLoops(vertx);
            CyclicBarrier bothFailing = new CyclicBarrier(loops.size());
            List<CompletableFuture<Boolean>> resetDone = new ArrayList<>();
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            String nothingComes = "redis-link-test:" + UUID.randomUUID();
            for (Context loop : loops) {
                CompletableFuture<Boolean> reset = new CompletableFuture<>();
                CompletableFuture<Void> sent = new CompletableFuture<>();
                resetDone.add(reset);
                pending.add(sent);
                loop.runOnContext(v -> link.send(Request.cmd(Command.PING)).onComplete(ping -> {
                    // A command Redis answers only in a minute: still waiting on this loop's connection at the cut.
                    link.send(Request.cmd(Command.BLPOP).arg(nothingComes).arg(60)).onComplete(blpop -> {
                        try {
                            // Both loops are now inside the client's failing of their connections. Meeting here
                            // makes the two resets overlap whatever the scheduler does.
                            bothFailing.await(20, TimeUnit.SECONDS);
                            link.reset();
                            reset.complete(blpop.failed());
                        } catch (Exception e) {
                            reset.completeExceptionally(e);
                        }
                    });
                    sent.complete(null);
                }));
            }
            for (CompletableFuture<Void> sent : pending) {
                sent.get(30, TimeUnit.SECONDS);
            }

            relay.cut();

            for (CompletableFuture<Boolean> reset : resetDone) {
                assertThat(reset.get(30, TimeUnit.SECONDS)).as("the pending command failed at the cut").isTrue();
            }
            for (Context loop : loops) {
                CompletableFuture<Void> answered = new CompletableFuture<>();
                loop.runOnContext(v -> answered.complete(null));
                answered.get(30, TimeUnit.SECONDS); // the loop runs other work again
            }
            relay.restore();
            for (Context loop : loops) {
                CompletableFuture<String> pong = new CompletableFuture<>();
                loop.runOnContext(v -> link.send(Request.cmd(Command.PING))
                        .onComplete(r -> pong.complete(r.succeeded() ? r.result().toString() : r.cause().toString())));
                assertThat(pong.get(30, TimeUnit.SECONDS)).as("a command after the path is back").isEqualTo("PONG");
            }
            link.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** The contexts of two verticle instances: Vert.x gives each instance an event loop of its own, in turn. */
    private static List<Context> twoEventLoops(Vertx vertx) throws Exception {
        List<Context> loops = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                loops.add(context);
            }
        }, new DeploymentOptions().setInstances(2)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return loops;
    }
}
