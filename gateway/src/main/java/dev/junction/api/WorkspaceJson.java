package dev.junction.api;

import dev.junction.store.StoredWorkspace;
import dev.junction.store.StoredWorkspaceBudget;
import dev.junction.accounting.BudgetInterval;
import dev.junction.wire.Json;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Workspaces and their budgets in the shapes of the SDK's {@code Workspace} and {@code WorkspaceBudget}. What Junction
 * does not have (workspace members, I/O logging, broadcast, server tools) shows as the SDK's "off" values; Junction
 * adds {@code is_default}.
 */
final class WorkspaceJson {
    private WorkspaceJson() {}

    static ObjectNode of(StoredWorkspace w) {
        ObjectNode n = Json.object();
        n.put("id", w.id());
        n.put("name", w.name());
        n.put("slug", w.slug());
        n.put("description", w.description().orElse(null));
        n.put("default_text_model", w.defaultTextModel().orElse(null));
        n.put("default_image_model", w.defaultImageModel().orElse(null));
        n.put("default_provider_sort", w.defaultProviderSort().orElse(null));
        n.put("include_byok_in_budgets", w.includeByokInBudgets());
        // The SDK derives it from the workspace id; Junction's guardrails are not a workspace's, so it names none stored.
        n.put("default_guardrail_id", UUID.nameUUIDFromBytes(("junction:workspace-guardrail:" + w.id())
                .getBytes(StandardCharsets.UTF_8)).toString());
        n.putNull("disabled_server_tools");
        n.putNull("io_logging_api_key_ids");
        n.put("io_logging_sampling_rate", 1);
        n.put("is_data_discount_logging_enabled", false);
        n.put("is_observability_broadcast_enabled", false);
        n.put("is_observability_io_logging_enabled", false);
        n.putNull("created_by");
        n.put("created_at", w.createdAt().toString());
        n.put("updated_at", w.updatedAt().map(Object::toString).orElse(null));
        n.put("is_default", w.isDefault());
        return n;
    }

    static ObjectNode budget(StoredWorkspaceBudget b) {
        ObjectNode n = Json.object();
        n.put("id", b.id());
        n.put("workspace_id", b.workspaceId());
        n.put("limit_usd", b.limit().toUsd());
        // The SDK's WorkspaceBudget says a lifetime budget by a null reset interval.
        n.put("reset_interval", b.interval() == BudgetInterval.LIFETIME ? null : b.interval().wireName());
        n.put("created_at", b.createdAt().toString());
        n.put("updated_at", b.updatedAt().toString());
        return n;
    }

    /** {@code {"data": [budgets], "include_byok_in_budgets"}}: the budget list. */
    static ObjectNode budgets(StoredWorkspace w, List<StoredWorkspaceBudget> budgets) {
        ObjectNode body = Json.object();
        var data = body.putArray("data");
        budgets.forEach(b -> data.add(budget(b)));
        body.put("include_byok_in_budgets", w.includeByokInBudgets());
        return body;
    }

    /** {@code {"data": budget, "include_byok_in_budgets"}}: one budget. */
    static ObjectNode oneBudget(StoredWorkspace w, StoredWorkspaceBudget budget) {
        ObjectNode body = JsonBodies.data(budget(budget));
        body.put("include_byok_in_budgets", w.includeByokInBudgets());
        return body;
    }
}
