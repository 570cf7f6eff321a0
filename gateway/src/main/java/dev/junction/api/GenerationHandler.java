package dev.junction.api;

import dev.junction.accounting.GenerationRecord;
import dev.junction.generation.responses.ResponseIds;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/generation?id=…}: the stats of one of the caller's generations — model, provider,
 * tokens, exact cost, timings, every provider tried, and whether it was streamed or cancelled. Recent
 * generations are answered from memory, older ones from the store.
 */
final class GenerationHandler implements RouteTable.Handler {
    private final Services services;
    private final Auth auth;
    private final Vertx vertx;

    GenerationHandler(Services services, Vertx vertx) {
        this.services = services;
        this.auth = new Auth(services.keys());
        this.vertx = vertx;
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        String given = request.getParam("id");
        if (given == null || given.isBlank()) {
            throw ApiException.badRequest("id: required query parameter (the id of a chat or completions response)");
        }
        String id = ResponseIds.generationId(given); // a Responses API answer's resp_… id names its generation
        return auth.any(request).compose(key -> find(id).map(found -> found
                        .filter(g -> g.keyHash().equals(key.hash()) || key.isProvisioning() && g.accountId().equals(key.accountId()))
                        .orElseThrow(() -> ApiException.notFound("Generation " + id + " not found"))))
                .compose(record -> vertx.executeBlocking(() -> services.keys().workspaceOf(record.keyHash(), record.accountId()),
                        false).map(workspace -> GenerationJson.of(record, workspace)))
                .compose(data -> {
                    ObjectNode body = Json.object();
                    body.set("data", data);
                    return request.response()
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(Buffer.buffer(Json.bytes(body)));
                });
    }

    private Future<Optional<GenerationRecord>> find(String id) {
        Optional<GenerationRecord> recent = services.recent().find(id);
        if (recent.isPresent()) {
            return Future.succeededFuture(recent);
        }
        return vertx.executeBlocking(() -> services.store().generations().find(id), false);
    }
}
