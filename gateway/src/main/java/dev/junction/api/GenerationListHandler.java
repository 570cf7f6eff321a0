package dev.junction.api;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.GenerationQuery;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/generations}: the caller's generations, newest first, a page at a time — with
 * {@code /generation}'s rules: a provisioning key sees its account's, a standard key only its own. Each item is the
 * {@code /generation} object plus the key's hash. Generations not yet written to the store are taken from memory,
 * so a request shows up as soon as it has finished.
 */
final class GenerationListHandler implements RouteTable.Handler {
    private final Services services;
    private final Auth auth;
    private final Vertx vertx;

    GenerationListHandler(Services services, Vertx vertx) {
        this.services = services;
        this.auth = new Auth(services.keys());
        this.vertx = vertx;
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        return auth.any(request).compose(key -> {
            GenerationQuery query = GenerationListQuery.parse(request, key);
            // Both off the event loop: the store's read blocks, and the scan of memory is a few thousand records.
            return vertx.executeBlocking(() -> merge(
                            services.recent().newest(query::matches, GenerationQuery.NEWEST_FIRST, query.limit()),
                            services.store().generations().list(query), query.limit()), false)
                    .map(page -> body(page, query.limit()));
        }).compose(body -> KeysHandler.send(request, 200, body));
    }

    /**
     * The page: the newest of both sources, each generation once (one that was drained while the page was read is
     * in both). Both hold the newest {@code limit} after the cursor, so their union holds the page.
     */
    static List<GenerationRecord> merge(List<GenerationRecord> recent, List<GenerationRecord> stored, int limit) {
        Map<String, GenerationRecord> byId = new LinkedHashMap<>();
        stored.forEach(g -> byId.put(g.id(), g));
        recent.forEach(g -> byId.putIfAbsent(g.id(), g));
        return byId.values().stream().sorted(GenerationQuery.NEWEST_FIRST).limit(limit).toList();
    }

    private static ObjectNode body(List<GenerationRecord> page, int limit) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (GenerationRecord g : page) {
            data.add(GenerationJson.of(g).put("key_hash", g.keyHash()));
        }
        // A full page may have more after it; a short one is the last.
        body.put("next_cursor", page.size() < limit ? null
                : GenerationListQuery.cursorAfter(GenerationQuery.Cursor.of(page.getLast())));
        return body;
    }
}
