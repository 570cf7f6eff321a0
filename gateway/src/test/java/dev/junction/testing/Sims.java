package dev.junction.testing;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** Simulated upstreams on loopback ports, on their own event loop so they never share the gateway's. */
public final class Sims implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));

    public SimServer start(SimOptions options) {
        return SimServer.start(vertx, options).await();
    }

    public SimServer start() {
        return start(SimOptions.defaults());
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
