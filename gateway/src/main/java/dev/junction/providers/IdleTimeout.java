package dev.junction.providers;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;

import java.util.concurrent.TimeoutException;

/**
 * The upstream idle timeout once a response has started: fires when no data has arrived for the
 * configured time, and is cancelled when the exchange ends.
 *
 * <p>Vert.x's own {@code HttpClientRequest.idleTimeout} cannot be cancelled once the response has
 * begun: its timer outlived every request by the whole idle timeout (two minutes by default), holding
 * the request, its connection state and headers, so at a few thousand requests a second the heap filled
 * with finished exchanges and the collector spent more time than the requests. This one behaves the
 * same — it re-arms for the rest of the period when data came meanwhile, and fails with the same
 * {@link TimeoutException} message — but {@link #cancel} ends it.
 */
final class IdleTimeout {
    private final Vertx vertx;
    private final String what;
    private final Handler<TimeoutException> onTimeout;
    private long timer = -1;
    private long timeoutMillis;
    private long lastDataMillis;

    /** @param options the request, named in the timeout's message as Vert.x names it */
    IdleTimeout(Vertx vertx, RequestOptions options, Handler<TimeoutException> onTimeout) {
        this.vertx = vertx;
        this.what = options.getMethod() + " " + options.getURI() + " for server " + options.getHost() + ":" + options.getPort();
        this.onTimeout = onTimeout;
    }

    void start(long millis) {
        cancel();
        timeoutMillis = millis;
        timer = vertx.setTimer(millis, id -> expired());
    }

    void dataReceived() {
        if (timer != -1) {
            lastDataMillis = System.currentTimeMillis();
        }
    }

    void cancel() {
        if (timer != -1) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void expired() {
        timer = -1;
        if (lastDataMillis > 0) {
            long quiet = System.currentTimeMillis() - lastDataMillis;
            if (quiet < timeoutMillis) {
                lastDataMillis = 0;
                start(timeoutMillis - quiet);
                return;
            }
        }
        onTimeout.handle(new TimeoutException("The timeout period of " + timeoutMillis
                + "ms has been exceeded while executing " + what));
    }
}
