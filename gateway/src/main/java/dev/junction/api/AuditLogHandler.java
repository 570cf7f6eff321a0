package dev.junction.api;

import dev.junction.store.AuditEntry;
import dev.junction.teams.AuditLog;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code GET /audit-log}: the account's changes to keys and team resources, newest first, for provisioning keys.
 * {@code limit} (1–100, default 50) entries before the entry {@code before}; the answer's {@code next_before} pages on.
 */
final class AuditLogHandler {
    private final AuditLog audit;
    private final Auth auth;
    private final Vertx vertx;

    AuditLogHandler(Services services, Vertx vertx) {
        this.audit = services.audit();
        this.auth = new Auth(services.keys());
        this.vertx = vertx;
    }

    Future<?> list(HttpServerRequest request, Map<String, String> params) {
        int limit = Paging.of(request).limit();
        OptionalLong before = before(request);
        return auth.provisioning(request)
                .compose(admin -> vertx.executeBlocking(() -> audit.list(admin.accountId(), before, limit), false))
                .compose(entries -> KeysHandler.send(request, 200, body(entries, limit)));
    }

    private static ObjectNode body(List<AuditEntry> entries, int limit) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (AuditEntry e : entries) {
            ObjectNode n = data.addObject();
            n.put("id", e.id());
            n.put("actor_key_hash", e.actor());
            n.put("action", e.action());
            n.put("resource_type", e.resourceType());
            n.put("resource_id", e.resourceId());
            n.set("details", Json.parse(e.detailsJson()));
            n.put("created_at", e.createdAt().toString());
        }
        body.put("next_before", entries.size() == limit ? Long.valueOf(entries.getLast().id()) : null);
        return body;
    }

    private static OptionalLong before(HttpServerRequest request) {
        String value = request.getParam("before");
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id < 1) {
                throw ApiException.badRequest("before: must be at least 1");
            }
            return OptionalLong.of(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("before: expected an entry id (a whole number), got '" + value + "'");
        }
    }
}
