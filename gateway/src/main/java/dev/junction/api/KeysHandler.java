package dev.junction.api;

import dev.junction.accounting.CreditLedger;
import dev.junction.money.Money;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyKind;
import dev.junction.keys.KeyService;
import dev.junction.store.StoredWorkspace;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /key} for any key; {@code GET/POST /keys} and {@code GET/PATCH/DELETE /keys/{hash}} for
 * provisioning keys, within their own account. Store calls run off the event loop.
 */
final class KeysHandler {
    private static final int PAGE = 100;

    private final Services services;
    private final KeyService keys;
    private final CreditLedger ledger;
    private final Auth auth;
    private final Vertx vertx;

    KeysHandler(Services services, Vertx vertx) {
        this.services = services;
        this.keys = services.keys();
        this.ledger = services.ledger();
        this.auth = new Auth(services.keys());
        this.vertx = vertx;
    }

    /** The key, with the guardrails that govern its requests ({@code guardrails}, Junction's addition). */
    Future<?> current(HttpServerRequest request, Map<String, String> params) {
        return auth.any(request)
                .compose(key -> describe(key, true).compose(data -> services.guardrails().forKey(key).map(rails -> {
                    ArrayNode shown = data.putArray("guardrails");
                    rails.forEach(g -> shown.add(GuardrailJson.of(g)));
                    return data;
                })))
                .compose(data -> send(request, 200, JsonBodies.data(data)));
    }

    Future<?> list(HttpServerRequest request, Map<String, String> params) {
        int offset = Paging.offset(request);
        boolean includeDisabled = "true".equals(request.getParam("include_disabled"));
        Optional<String> workspaceRef = Optional.ofNullable(request.getParam("workspace_id")).filter(w -> !w.isBlank());
        return auth.provisioning(request)
                .compose(admin -> vertx.executeBlocking(() -> workspaceRef.isEmpty()
                        ? keys.list(admin.accountId(), offset, PAGE)
                        : keys.list(admin.accountId(), workspace(admin, workspaceRef.get()).id(), offset, PAGE), false))
                .compose(found -> {
                    List<ApiKey> shown = found.stream().filter(k -> includeDisabled || !k.disabled()).toList();
                    return Future.all(shown.stream().map(k -> describe(k, false)).toList())
                            .map(all -> {
                                ObjectNode body = Json.object();
                                ArrayNode data = body.putArray("data");
                                for (int i = 0; i < shown.size(); i++) {
                                    data.add((ObjectNode) all.resultAt(i));
                                }
                                return body;
                            });
                })
                .compose(body -> send(request, 200, body));
    }

    Future<?> create(HttpServerRequest request, Map<String, String> params) {
        request.pause();
        return auth.provisioning(request).compose(admin -> BodyReader.read(request, 64 * 1024).compose(buffer -> {
            KeyRequest body = KeyRequest.parse(buffer.getBytes());
            body.rejectExpiry();
            String name = body.requiredName();
            var limit = body.limit();
            var reset = body.limitReset();
            boolean byok = body.bool("include_byok_in_limit").orElse(false);
            KeyKind kind = body.bool("is_provisioning_key").orElse(false) ? KeyKind.PROVISIONING : KeyKind.STANDARD;
            var rate = body.rateLimit();
            Optional<String> workspaceRef = JsonBodies.text(body.body(), "workspace_id");
            return vertx.executeBlocking(() -> {
                Optional<String> workspaceId = workspaceRef.map(ref -> workspace(admin, ref).id());
                KeyService.CreatedKey created = keys.create(admin.accountId(), name, kind, limit, reset, byok, rate, workspaceId);
                services.audit().record(admin, "create", "key", created.key().hash(), body.body());
                return created;
            }, false);
        })).compose(created -> describe(created.key(), false).compose(data -> {
            ObjectNode body = JsonBodies.data(data);
            body.put("key", created.secret());
            return send(request, 201, body);
        }));
    }

    Future<?> get(HttpServerRequest request, Map<String, String> params) {
        return auth.provisioning(request)
                .compose(admin -> owned(admin, params.get("hash")))
                .compose(key -> describe(key, false))
                .compose(data -> send(request, 200, JsonBodies.data(data)));
    }

    Future<?> update(HttpServerRequest request, Map<String, String> params) {
        request.pause();
        return auth.provisioning(request).compose(admin -> BodyReader.read(request, 64 * 1024).compose(buffer -> {
            KeyRequest body = KeyRequest.parse(buffer.getBytes());
            body.rejectExpiry();
            return owned(admin, params.get("hash")).compose(key -> {
                ApiKey changed = new ApiKey(key.hash(), key.accountId(),
                        body.name().orElse(key.name()), key.label(), key.kind(),
                        body.bool("disabled").orElse(key.disabled()),
                        body.has("limit") ? body.limit() : key.limit(),
                        body.has("limit_reset") ? body.limitReset() : key.limitReset(),
                        body.bool("include_byok_in_limit").orElse(key.includeByokInLimit()),
                        key.createdAt(), key.updatedAt(), body.has("rate_limit") ? body.rateLimit() : key.rateLimit(),
                        key.workspaceId());
                return keys.update(changed).compose(updated -> audited(admin, "update", updated, body.body()));
            });
        })).compose(key -> describe(key, false)).compose(data -> send(request, 200, JsonBodies.data(data)));
    }

    Future<?> delete(HttpServerRequest request, Map<String, String> params) {
        return auth.provisioning(request)
                .compose(admin -> owned(admin, params.get("hash")).compose(key -> keys.delete(key.hash()).compose(deleted ->
                        audited(admin, "delete", key, Json.object().put("name", key.name())))))
                .compose(deleted -> send(request, 200, Json.object().put("deleted", true)));
    }

    private Future<ApiKey> audited(ApiKey admin, String action, ApiKey key, ObjectNode details) {
        return vertx.executeBlocking(() -> {
            services.audit().record(admin, action, "key", key.hash(), details);
            return key;
        }, false);
    }

    /** The account's workspace of that id or slug; otherwise a 400 naming it. Blocking. */
    private StoredWorkspace workspace(ApiKey admin, String ref) {
        return services.workspaces().find(admin.accountId(), ref).orElseThrow(() -> ApiException.badRequest(
                "workspace_id: the account has no workspace " + ref));
    }

    /** The key of that hash, if it belongs to the provisioning key's account; 404 otherwise (never reveal others' keys). */
    private Future<ApiKey> owned(ApiKey admin, String hash) {
        return vertx.executeBlocking(() -> keys.find(hash), false).map(found -> found
                .filter(k -> k.accountId().equals(admin.accountId()))
                .orElseThrow(() -> ApiException.notFound("No API key with hash " + hash)));
    }

    private Future<ObjectNode> describe(ApiKey key, boolean current) {
        return ledger.spending(key).compose(spending -> {
            Optional<Money> remaining = CreditLedger.limitRemaining(key, spending);
            return current
                    ? services.rateLimits().shown(key).map(limits -> KeyJson.current(key, spending, remaining, limits))
                    : Future.succeededFuture(KeyJson.listData(key, spending, remaining));
        });
    }


    static Future<Void> send(HttpServerRequest request, int status, ObjectNode body) {
        return request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }
}
