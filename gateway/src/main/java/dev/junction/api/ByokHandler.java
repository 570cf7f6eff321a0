package dev.junction.api;

import dev.junction.keys.ApiKey;
import dev.junction.store.StoredByokKey;
import dev.junction.teams.AuditLog;
import dev.junction.teams.ByokKeys;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /byok}: an account's own provider keys, in the SDK's {@code BYOKKey} shape — for provisioning keys, every
 * change in the audit log (without the secret). The secret is taken once and never returned: a masked label stands
 * for it.
 */
final class ByokHandler {
    private static final int BODY_LIMIT = 64 * 1024;
    private static final Set<String> FLAGS = Set.of("declared_zdr", "disabled", "is_byok_only", "is_fallback", "is_required");
    private static final Set<String> LISTS = Set.of("allowed_api_key_hashes", "allowed_models", "allowed_user_ids");
    private static final Set<String> OTHERS = Set.of("key", "name", "provider", "workspace_id");

    private final ByokKeys byok;
    private final AuditLog audit;
    private final Set<String> providers;
    private final ManagementCalls calls;

    ByokHandler(Services services, Vertx vertx) {
        this.byok = services.byok();
        this.audit = services.audit();
        this.providers = services.config().providers().keySet();
        this.calls = new ManagementCalls(services, vertx, BODY_LIMIT);
    }

    Future<?> list(HttpServerRequest request, Map<String, String> params) {
        Paging page = Paging.of(request);
        return calls.provisioning(request).compose(admin -> calls.page(
                () -> byok.list(admin.accountId(), page.offset(), page.limit()).stream().map(ByokHandler::json).toList(),
                () -> byok.count(admin.accountId()))).compose(body -> KeysHandler.send(request, 200, body));
    }

    /** {@code {"provider", "key", "name"?, flags…}}: the provider is one of this gateway's provider ids. */
    Future<?> create(HttpServerRequest request, Map<String, String> params) {
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = fields(buffer.getBytes());
            String provider = JsonBodies.text(body, "provider").orElseThrow(() -> ApiException.badRequest("provider: required"));
            if (!providers.contains(provider)) {
                throw ApiException.badRequest("provider: no provider '" + provider + "' on this gateway (one of "
                        + String.join(", ", providers.stream().sorted().toList()) + ")");
            }
            String secret = secret(body).orElseThrow(() -> ApiException.badRequest("key: required, the provider's API key"));
            ObjectNode settings = settings(body, Json.object());
            Optional<String> name = JsonBodies.text(body, "name");
            return calls.blocking(() -> {
                StoredByokKey created = byok.create(admin.accountId(), provider, name, secret, settings);
                audit.record(admin, "create", "byok_key", created.id(), withoutSecret(body));
                return created;
            });
        }).compose(k -> KeysHandler.send(request, 201, JsonBodies.data(json(k))));
    }

    Future<?> get(HttpServerRequest request, Map<String, String> params) {
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("id")))
                .compose(k -> KeysHandler.send(request, 200, JsonBodies.data(json(k))));
    }

    /** PATCH: the fields sent replace the entry's; a new {@code key} replaces the secret. The provider stays. */
    Future<?> update(HttpServerRequest request, Map<String, String> params) {
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = fields(buffer.getBytes());
            if (body.has("provider")) {
                throw ApiException.badRequest("provider: an entry's provider cannot change; add another entry");
            }
            Optional<String> secret = secret(body);
            return owned(admin, params.get("id")).compose(k -> calls.blocking(() -> {
                ObjectNode settings = settings(body, (ObjectNode) Json.parse(k.settingsJson()));
                Optional<String> name = body.has("name") ? JsonBodies.text(body, "name") : k.name();
                StoredByokKey changed = byok.update(k, name, secret, settings);
                audit.record(admin, "update", "byok_key", k.id(), withoutSecret(body));
                return changed;
            }));
        }).compose(k -> KeysHandler.send(request, 200, JsonBodies.data(json(k))));
    }

    Future<?> delete(HttpServerRequest request, Map<String, String> params) {
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("id")).compose(k -> calls.blocking(() -> {
                    byok.delete(k);
                    audit.record(admin, "delete", "byok_key", k.id(), Json.object().put("provider", k.provider()));
                    return k;
                })))
                .compose(k -> KeysHandler.send(request, 200, Json.object().put("deleted", true)));
    }

    /** The SDK's {@code BYOKKey}: never the secret, only its masked label. */
    private static ObjectNode json(StoredByokKey k) {
        JsonNode settings = Json.parse(k.settingsJson());
        ObjectNode n = Json.object();
        n.put("id", k.id());
        n.put("provider", k.provider());
        n.put("name", k.name().orElse(null));
        n.put("label", k.label());
        for (String list : LISTS.stream().sorted().toList()) {
            n.set(list, settings.path(list).isArray() ? settings.get(list) : Json.NODES.nullNode());
        }
        n.put("declared_zdr", settings.path("declared_zdr").isBoolean() ? Boolean.valueOf(settings.get("declared_zdr").asBoolean()) : null);
        for (String flag : List.of("disabled", "is_byok_only", "is_fallback", "is_required")) {
            n.put(flag, settings.path(flag).asBoolean(false));
        }
        n.put("sort_order", 0);
        n.putNull("workspace_id");
        n.put("created_at", k.createdAt().toString());
        return n;
    }

    private static ObjectNode fields(byte[] bytes) {
        ObjectNode body = JsonBodies.object(bytes);
        for (String field : body.propertyNames()) {
            if (!FLAGS.contains(field) && !LISTS.contains(field) && !OTHERS.contains(field)) {
                throw ApiException.badRequest(field + ": not a BYOK field");
            }
        }
        if (body.hasNonNull("workspace_id")) {
            throw ApiException.badRequest("workspace_id: workspaces are not available on this gateway");
        }
        return body;
    }

    /** The flags and lists sent, over {@code current}. */
    private static ObjectNode settings(ObjectNode body, ObjectNode current) {
        for (String flag : FLAGS) {
            JsonNode v = body.get(flag);
            if (v != null && !v.isNull() && !v.isBoolean()) {
                throw ApiException.badRequest(flag + ": expected true or false");
            }
            if (v != null) {
                current.set(flag, v);
            }
        }
        for (String list : LISTS) {
            JsonNode v = body.get(list);
            if (v != null && !v.isNull() && !(v.isArray() && v.size() <= 1000 && v.valueStream().allMatch(JsonNode::isString))) {
                throw ApiException.badRequest(list + ": expected an array of strings, or null");
            }
            if (v != null) {
                current.set(list, v);
            }
        }
        return current;
    }

    private static Optional<String> secret(ObjectNode body) {
        Optional<String> key = JsonBodies.text(body, "key");
        if (key.isPresent() && (key.get().isBlank() || key.get().length() > 4096)) {
            throw ApiException.badRequest("key: expected the provider's API key (at most 4096 characters)");
        }
        return key;
    }

    private static ObjectNode withoutSecret(ObjectNode body) {
        ObjectNode logged = body.deepCopy();
        if (logged.has("key")) {
            logged.put("key", "[REDACTED]");
        }
        return logged;
    }

    private Future<StoredByokKey> owned(ApiKey admin, String id) {
        return calls.blocking(() -> byok.find(admin.accountId(), id).orElseThrow(() -> ApiException.notFound("No BYOK key with id " + id)));
    }

}
