package dev.junction.api;

import dev.junction.keys.ApiKey;
import dev.junction.store.GuardrailAssignment;
import dev.junction.teams.Guardrail;
import dev.junction.teams.GuardrailPolicyJson;
import dev.junction.wire.Json;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** Guardrails and their key assignments in the shapes of the SDK's {@code Guardrail} and {@code KeyAssignment}. */
final class GuardrailJson {
    private GuardrailJson() {}

    static ObjectNode of(Guardrail g) {
        ObjectNode n = Json.object();
        n.put("id", g.id());
        n.put("name", g.name());
        GuardrailPolicyJson.write(g.policy(), n);
        n.put("workspace_id", g.workspaceId().orElse(null));
        n.put("created_at", g.createdAt().toString());
        n.put("updated_at", g.updatedAt().map(Object::toString).orElse(null));
        return n;
    }

    /** @param key the assigned key, when it still exists */
    static ObjectNode assignment(GuardrailAssignment a, Optional<ApiKey> key) {
        ObjectNode n = Json.object();
        n.put("id", a.guardrailId() + ":" + a.keyHash());
        n.put("guardrail_id", a.guardrailId());
        n.put("key_hash", a.keyHash());
        n.put("key_name", key.map(ApiKey::name).orElse(""));
        n.put("key_label", key.map(ApiKey::label).orElse(""));
        n.put("assigned_by", a.assignedBy().orElse(null));
        n.put("created_at", a.createdAt().toString());
        return n;
    }
}
