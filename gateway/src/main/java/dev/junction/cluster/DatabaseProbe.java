package dev.junction.cluster;

import dev.junction.store.Store;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the database a cluster shares. While it is down, usage records keep going to each
 * instance's journal and are drained when it is back; what needs it now (an API key not yet cached, a
 * budget not yet loaded) gets a 503. Fail-closed deployments also report not ready.
 */
public final class DatabaseProbe implements SharedService {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);
    private static final long PROBE_MILLIS = 2_000;

    private final Vertx vertx;
    private final Store store;
    private final boolean failOpen;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicBoolean probing = new AtomicBoolean();
    private long timer = -1;

    public DatabaseProbe(Vertx vertx, Store store, boolean failOpen) {
        this.vertx = vertx;
        this.store = store;
        this.failOpen = failOpen;
    }

    public DatabaseProbe start() {
        timer = vertx.setPeriodic(PROBE_MILLIS, id -> probe());
        return this;
    }

    private void probe() {
        if (!probing.compareAndSet(false, true)) {
            return; // the last probe is still waiting on the database
        }
        vertx.executeBlocking(() -> {
            store.ping();
            return null;
        }, false).onComplete(result -> {
            probing.set(false);
            if (result.succeeded() && up.compareAndSet(false, true)) {
                LOG.warn("the database is reachable again");
            } else if (result.failed() && up.compareAndSet(true, false)) {
                LOG.error("the database is unreachable ({}): usage records wait in the journal; requests that need it get 503",
                        result.cause().getMessage());
            }
        });
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean ready() {
        return up.get() || failOpen;
    }

    @Override
    public String state() {
        return up.get() ? "up" : failOpen ? "down (failing open)" : "down";
    }

    public void close() {
        vertx.cancelTimer(timer);
    }
}
