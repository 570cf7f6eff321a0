package dev.junction.api;

import dev.junction.accounting.BudgetInterval;
import dev.junction.keys.ApiKey;
import dev.junction.money.Money;
import dev.junction.store.DuplicateKeyException;
import dev.junction.store.StoredWorkspace;
import dev.junction.store.StoredWorkspaceBudget;
import dev.junction.teams.AuditLog;
import dev.junction.teams.Workspaces;
import dev.junction.wire.ClientNumbers;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code /workspaces}: create, list, get, update and delete workspaces, and set their budgets — for provisioning
 * keys, within their own account, every change written to the audit log. A workspace is named by its id or its
 * slug. The default workspace is never deleted, nor one that keys still spend in. Store calls run off the event loop.
 */
final class WorkspacesHandler {
    private static final int BODY_LIMIT = 64 * 1024;
    private static final Set<String> BUDGET_FIELDS = Set.of("limit_usd", "include_byok_in_budgets");

    private final Workspaces workspaces;
    private final AuditLog audit;
    private final ManagementCalls calls;

    WorkspacesHandler(Services services, Vertx vertx) {
        this.workspaces = services.workspaces();
        this.audit = services.audit();
        this.calls = new ManagementCalls(services, vertx, BODY_LIMIT);
    }

    Future<?> list(HttpServerRequest request, Map<String, String> params) {
        Paging page = Paging.of(request);
        return calls.provisioning(request).compose(admin -> calls.page(
                () -> workspaces.list(admin.accountId(), page.offset(), page.limit()).stream().map(WorkspaceJson::of).toList(),
                () -> workspaces.count(admin.accountId()))).compose(body -> KeysHandler.send(request, 200, body));
    }

    Future<?> create(HttpServerRequest request, Map<String, String> params) {
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = JsonBodies.object(buffer.getBytes());
            StoredWorkspace fields = WorkspaceFields.create(body);
            return calls.blocking(() -> {
                StoredWorkspace created = slugChecked(fields.slug(), () -> workspaces.create(admin.accountId(), fields));
                audit.record(admin, "create", "workspace", created.id(), body);
                return created;
            });
        }).compose(w -> KeysHandler.send(request, 201, JsonBodies.data(WorkspaceJson.of(w))));
    }

    Future<?> get(HttpServerRequest request, Map<String, String> params) {
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("id")))
                .compose(w -> KeysHandler.send(request, 200, JsonBodies.data(WorkspaceJson.of(w))));
    }

    /** PATCH: the fields sent replace the workspace's. */
    Future<?> update(HttpServerRequest request, Map<String, String> params) {
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = JsonBodies.object(buffer.getBytes());
            return owned(admin, params.get("id")).compose(current -> calls.blocking(() -> {
                StoredWorkspace fields = WorkspaceFields.update(current, body);
                StoredWorkspace changed = slugChecked(fields.slug(), () -> workspaces.update(fields));
                audit.record(admin, "update", "workspace", current.id(), body);
                return changed;
            }));
        }).compose(w -> KeysHandler.send(request, 200, JsonBodies.data(WorkspaceJson.of(w))));
    }

    /**
     * The default workspace is refused even with {@code confirm_default_workspace_deletion=true}: keys made without a
     * workspace spend in it, so Junction keeps it. A workspace its keys still spend in is refused too.
     */
    Future<?> delete(HttpServerRequest request, Map<String, String> params) {
        String confirm = request.getParam("confirm_default_workspace_deletion");
        if (confirm != null && !confirm.equals("true") && !confirm.equals("false")) {
            throw ApiException.badRequest("confirm_default_workspace_deletion: expected true or false, got '" + confirm + "'");
        }
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("id")).compose(w -> calls.blocking(() -> {
                    if (w.isDefault()) {
                        throw ApiException.badRequest("The default workspace cannot be deleted: keys made without a "
                                + "workspace_id spend in it");
                    }
                    if (workspaces.hasKeys(w)) {
                        throw ApiException.badRequest("Workspace " + w.slug() + " still has API keys: delete them first");
                    }
                    workspaces.delete(w);
                    audit.record(admin, "delete", "workspace", w.id(), Json.object().put("slug", w.slug()));
                    return w;
                })))
                .compose(w -> KeysHandler.send(request, 200, Json.object().put("deleted", true)));
    }

    /** {@code GET /workspaces/{workspace_ref}/budgets}. */
    Future<?> budgets(HttpServerRequest request, Map<String, String> params) {
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("workspace_ref")))
                .compose(w -> calls.blocking(() -> WorkspaceJson.budgets(w, workspaces.budgets(w))))
                .compose(body -> KeysHandler.send(request, 200, body));
    }

    /** {@code GET /workspaces/{workspace_ref}/budgets/{interval}}: 404 when the workspace has no budget of that interval. */
    Future<?> budget(HttpServerRequest request, Map<String, String> params) {
        BudgetInterval interval = interval(params.get("interval"));
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("workspace_ref")))
                .compose(w -> calls.blocking(() -> {
                    StoredWorkspaceBudget budget = workspaces.budgets(w).stream().filter(b -> b.interval() == interval)
                            .findFirst().orElseThrow(() -> ApiException.notFound("Workspace " + w.slug() + " has no "
                                    + interval.wireName() + " budget"));
                    return WorkspaceJson.oneBudget(w, budget);
                }))
                .compose(body -> KeysHandler.send(request, 200, body));
    }

    /** {@code PUT /workspaces/{workspace_ref}/budgets/{interval}}: {@code {"limit_usd", "include_byok_in_budgets"?}}. */
    Future<?> setBudget(HttpServerRequest request, Map<String, String> params) {
        BudgetInterval interval = interval(params.get("interval"));
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = JsonBodies.object(buffer.getBytes());
            Money limit = limit(body);
            Optional<Boolean> includeByok = includeByok(body);
            return owned(admin, params.get("workspace_ref"))
                    .compose(w -> calls.blocking(() -> workspaces.setBudget(w, interval, limit, includeByok)).compose(set -> set))
                    .compose(set -> calls.blocking(() -> {
                        audit.record(admin, "set_budget", "workspace", set.workspace().id(),
                                body.deepCopy().put("interval", interval.wireName()));
                        return WorkspaceJson.oneBudget(set.workspace(), set.budgets().getFirst());
                    }));
        }).compose(body -> KeysHandler.send(request, 200, body));
    }

    /** {@code DELETE /workspaces/{workspace_ref}/budgets/{interval}}: deleted, or there was none. */
    Future<?> deleteBudget(HttpServerRequest request, Map<String, String> params) {
        BudgetInterval interval = interval(params.get("interval"));
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("workspace_ref"))
                        .compose(w -> calls.blocking(() -> workspaces.deleteBudget(w, interval)).compose(deleted -> deleted)
                                .compose(deleted -> calls.blocking(() -> {
                                    audit.record(admin, "delete_budget", "workspace", w.id(),
                                            Json.object().put("interval", interval.wireName()));
                                    return deleted;
                                }))))
                .compose(deleted -> KeysHandler.send(request, 200, Json.object().put("deleted", true)));
    }

    private static BudgetInterval interval(String text) {
        return BudgetInterval.parse(text).orElseThrow(() -> ApiException.badRequest(
                "interval: expected daily, weekly, monthly or lifetime, got '" + text + "'"));
    }

    private static Money limit(ObjectNode body) {
        for (String field : body.propertyNames()) {
            if (!BUDGET_FIELDS.contains(field)) {
                throw ApiException.badRequest(field + ": not a budget field (limit_usd, include_byok_in_budgets)");
            }
        }
        JsonNode limit = body.get("limit_usd");
        if (limit == null || !limit.isNumber()) {
            throw ApiException.badRequest("limit_usd: required, a number of USD greater than 0");
        }
        Money money = ClientNumbers.money(limit, "limit_usd");
        if (money.compareTo(Money.ZERO) <= 0) {
            throw ApiException.badRequest("limit_usd: must be greater than 0");
        }
        return money;
    }

    private static Optional<Boolean> includeByok(ObjectNode body) {
        JsonNode v = body.get("include_byok_in_budgets");
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest("include_byok_in_budgets: expected true or false");
        }
        return Optional.of(v.asBoolean());
    }

    /** A slug another workspace of the account has is a 400 naming it. */
    private static StoredWorkspace slugChecked(String slug, Callable<StoredWorkspace> change) throws Exception {
        try {
            return change.call();
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("slug: the account has a workspace with slug " + slug + " already");
        }
    }

    /** The account's workspace of that id or slug; 404 otherwise. */
    private Future<StoredWorkspace> owned(ApiKey admin, String ref) {
        return calls.blocking(() -> workspaces.find(admin.accountId(), ref)
                .orElseThrow(() -> ApiException.notFound("No workspace with id or slug " + ref)));
    }

}
