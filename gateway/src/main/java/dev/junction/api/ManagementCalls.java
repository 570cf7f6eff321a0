package dev.junction.api;

import dev.junction.keys.ApiKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * What every management resource's handler (guardrails, presets, BYOK, workspaces) does around its own work: it
 * admits only provisioning keys, reads a body within its size limit once the key is known, and runs store calls off
 * the event loop.
 */
final class ManagementCalls {
    private final Auth auth;
    private final Vertx vertx;
    private final int bodyLimit;

    /** @param bodyLimit the largest body a change of this resource may have (413 above it) */
    ManagementCalls(Services services, Vertx vertx, int bodyLimit) {
        this.auth = new Auth(services.keys());
        this.vertx = vertx;
        this.bodyLimit = bodyLimit;
    }

    /** The provisioning key the request carries (401 without a key, 403 for another kind). */
    Future<ApiKey> provisioning(HttpServerRequest request) {
        return auth.provisioning(request);
    }

    /** A provisioning key's request with a body: {@code work} gets the key and the body, read within the limit. */
    <T> Future<T> withBody(HttpServerRequest request, BiFunction<ApiKey, Buffer, Future<T>> work) {
        request.pause(); // the key lookup may go to the store; the body must wait, not be dropped
        return auth.provisioning(request)
                .compose(admin -> BodyReader.read(request, bodyLimit).compose(body -> work.apply(admin, body)));
    }

    /** Store work, off the event loop. */
    <T> Future<T> blocking(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
