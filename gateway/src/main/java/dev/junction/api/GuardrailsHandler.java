package dev.junction.api;

import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyService;
import dev.junction.teams.AuditLog;
import dev.junction.teams.Guardrail;
import dev.junction.teams.GuardrailPolicy;
import dev.junction.teams.GuardrailPolicyJson;
import dev.junction.teams.Guardrails;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /guardrails}: create, list, get, update and delete guardrails, and assign keys to them — for provisioning
 * keys, within their own account, every change written to the audit log. Store calls run off the event loop.
 */
final class GuardrailsHandler {
    private static final int BODY_LIMIT = 256 * 1024;
    private static final int MAX_KEYS_PER_CALL = 1000;

    private final Guardrails guardrails;
    private final KeyService keys;
    private final AuditLog audit;
    private final ManagementCalls calls;

    GuardrailsHandler(Services services, Vertx vertx) {
        this.guardrails = services.guardrails();
        this.keys = services.keys();
        this.audit = services.audit();
        this.calls = new ManagementCalls(services, vertx, BODY_LIMIT);
    }

    Future<?> list(HttpServerRequest request, Map<String, String> params) {
        Paging page = Paging.of(request);
        if (request.getParam("workspace_id") != null) {
            throw ApiException.badRequest("workspace_id: workspaces are not available on this gateway");
        }
        return calls.provisioning(request).compose(admin -> calls.page(
                () -> guardrails.list(admin.accountId(), page.offset(), page.limit()).stream().map(GuardrailJson::of).toList(),
                () -> guardrails.count(admin.accountId()))).compose(body -> KeysHandler.send(request, 200, body));
    }

    Future<?> create(HttpServerRequest request, Map<String, String> params) {
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = JsonBodies.object(buffer.getBytes());
            String name = JsonBodies.requiredName(body);
            rejectWorkspace(body);
            GuardrailPolicy policy = GuardrailPolicyJson.read(body);
            return calls.blocking(() -> {
                Guardrail created = guardrails.create(admin.accountId(), name, policy);
                audit.record(admin, "create", "guardrail", created.id(), body);
                return created;
            });
        }).compose(g -> KeysHandler.send(request, 201, JsonBodies.data(GuardrailJson.of(g))));
    }

    Future<?> get(HttpServerRequest request, Map<String, String> params) {
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("id")))
                .compose(g -> KeysHandler.send(request, 200, JsonBodies.data(GuardrailJson.of(g))));
    }

    /** PATCH: the fields sent replace the guardrail's; the result is validated whole, as a new guardrail would be. */
    Future<?> update(HttpServerRequest request, Map<String, String> params) {
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = JsonBodies.object(buffer.getBytes());
            rejectWorkspace(body);
            body.propertyNames().forEach(field -> {
                if (!GuardrailPolicyJson.known(field)) {
                    throw ApiException.badRequest(field + ": not a guardrail field");
                }
            });
            Optional<String> name = body.hasNonNull("name") ? Optional.of(JsonBodies.name(body.get("name"))) : Optional.empty();
            return owned(admin, params.get("id")).compose(g -> calls.blocking(() -> {
                ObjectNode merged = GuardrailPolicyJson.write(g.policy(), Json.object());
                body.properties().forEach(e -> {
                    if (!GuardrailPolicyJson.IDENTITY.contains(e.getKey())) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
                GuardrailPolicy policy = GuardrailPolicyJson.read(merged);
                Guardrail changed = guardrails.update(g, name.orElse(g.name()), policy);
                audit.record(admin, "update", "guardrail", g.id(), body);
                return changed;
            }));
        }).compose(g -> KeysHandler.send(request, 200, JsonBodies.data(GuardrailJson.of(g))));
    }

    Future<?> delete(HttpServerRequest request, Map<String, String> params) {
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("id")).compose(g -> calls.blocking(() -> {
                    guardrails.delete(g);
                    audit.record(admin, "delete", "guardrail", g.id(), Json.object().put("name", g.name()));
                    return g;
                })))
                .compose(g -> KeysHandler.send(request, 200, Json.object().put("deleted", true)));
    }

    /** {@code POST /guardrails/{id}/assignments/keys}: {@code {"key_hashes": [...]}}, keys of the same account. */
    Future<?> assignKeys(HttpServerRequest request, Map<String, String> params) {
        return changeKeys(request, params, true);
    }

    /** {@code POST /guardrails/{id}/assignments/keys/remove}. */
    Future<?> unassignKeys(HttpServerRequest request, Map<String, String> params) {
        return changeKeys(request, params, false);
    }

    private Future<?> changeKeys(HttpServerRequest request, Map<String, String> params, boolean assign) {
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = JsonBodies.object(buffer.getBytes());
            List<String> hashes = keyHashes(body);
            return owned(admin, params.get("id")).compose(g -> calls.blocking(() -> {
                if (assign) {
                    for (String hash : hashes) {
                        keys.find(hash).filter(k -> k.accountId().equals(admin.accountId()))
                                .orElseThrow(() -> ApiException.notFound("No API key with hash " + hash));
                    }
                }
                int count = assign ? guardrails.assign(g, hashes, admin.hash()) : guardrails.unassign(g, hashes);
                audit.record(admin, assign ? "assign_keys" : "unassign_keys", "guardrail", g.id(), body);
                return Json.object().put(assign ? "assigned_count" : "unassigned_count", count);
            }));
        }).compose(body -> KeysHandler.send(request, 200, body));
    }

    /** {@code GET /guardrails/{id}/assignments/keys}. */
    Future<?> keysOf(HttpServerRequest request, Map<String, String> params) {
        Paging page = Paging.of(request);
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("id"))
                        .compose(g -> assignments(admin, Optional.of(g.id()), page)))
                .compose(body -> KeysHandler.send(request, 200, body));
    }

    /** {@code GET /guardrails/assignments/keys}: every key assignment of the account's guardrails. */
    Future<?> allKeys(HttpServerRequest request, Map<String, String> params) {
        Paging page = Paging.of(request);
        return calls.provisioning(request)
                .compose(admin -> assignments(admin, Optional.empty(), page))
                .compose(body -> KeysHandler.send(request, 200, body));
    }

    private Future<ObjectNode> assignments(ApiKey admin, Optional<String> guardrailId, Paging page) {
        return calls.page(() -> guardrails.assignments(admin.accountId(), guardrailId, page.offset(), page.limit()).stream()
                        .map(a -> GuardrailJson.assignment(a, keys.find(a.keyHash()))).toList(),
                () -> guardrails.countAssignments(admin.accountId(), guardrailId));
    }

    private static List<String> keyHashes(ObjectNode body) {
        JsonNode hashes = body.get("key_hashes");
        if (hashes == null || !hashes.isArray() || hashes.isEmpty() || hashes.size() > MAX_KEYS_PER_CALL) {
            throw ApiException.badRequest("key_hashes: required, an array of 1 to " + MAX_KEYS_PER_CALL + " key hashes");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode h : hashes) {
            if (!h.isString() || h.asString().isBlank() || h.asString().length() > 200) {
                throw ApiException.badRequest("key_hashes: each entry must be a key hash (a non-empty string)");
            }
            result.add(h.asString());
        }
        return result;
    }

    private static void rejectWorkspace(ObjectNode body) {
        if (body.hasNonNull("workspace_id")) {
            throw ApiException.badRequest("workspace_id: workspaces are not available on this gateway");
        }
    }

    /** The guardrail of that id, if it belongs to the provisioning key's account; 404 otherwise. */
    private Future<Guardrail> owned(ApiKey admin, String id) {
        return calls.blocking(() -> guardrails.find(admin.accountId(), id)
                .orElseThrow(() -> ApiException.notFound("No guardrail with id " + id)));
    }

}
