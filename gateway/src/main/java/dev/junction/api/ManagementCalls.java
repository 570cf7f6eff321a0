package dev.junction.api;

import dev.junction.keys.ApiKey;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What every management resource's handler (guardrails, presets, BYOK, workspaces) does around its own work: it
 * admits only provisioning keys, reads a body within its size limit once the key is known, runs store calls off
 * the event loop, and answers its lists in one shape.
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

    /**
     * One page of a management list, as every one answers: {@code {"data": [the page], "total_count": all}}, both
     * read off the event loop.
     */
    Future<ObjectNode> page(Supplier<List<? extends JsonNode>> items, LongSupplier total) {
        return blocking(() -> {
            ObjectNode body = Json.object();
            body.putArray("data").addAll(items.get());
            body.put("total_count", total.getAsLong());
            return body;
        });
    }
}
