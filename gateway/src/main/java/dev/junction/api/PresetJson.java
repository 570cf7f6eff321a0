package dev.junction.api;

import dev.junction.store.StoredPreset;
import dev.junction.store.StoredPresetVersion;
import dev.junction.teams.Presets;
import dev.junction.wire.Json;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** Presets in the shapes of the SDK's {@code Preset}, {@code PresetWithDesignatedVersion} and {@code PresetDesignatedVersion}. */
final class PresetJson {
    private PresetJson() {}

    static ObjectNode of(StoredPreset p, Optional<StoredPresetVersion> designated) {
        ObjectNode n = Json.object();
        n.put("id", p.id());
        n.put("slug", p.slug());
        n.put("name", p.name());
        n.put("description", p.description().orElse(null));
        n.put("status", p.status());
        n.put("status_updated_at", p.statusUpdatedAt().map(Object::toString).orElse(null));
        n.put("designated_version_id", designated.map(StoredPresetVersion::id).orElse(null));
        n.put("creator_user_id", p.createdBy().orElse(null));
        n.putNull("workspace_id");
        n.put("created_at", p.createdAt().toString());
        n.put("updated_at", p.updatedAt().toString());
        return n;
    }

    static ObjectNode withVersion(Presets.WithVersion p) {
        ObjectNode n = of(p.preset(), p.designated());
        n.set("designated_version", p.designated().map(PresetJson::version).orElse(null));
        return n;
    }

    static ObjectNode version(StoredPresetVersion v) {
        ObjectNode n = Json.object();
        n.put("id", v.id());
        n.put("preset_id", v.presetId());
        n.put("version", v.version());
        n.set("config", Json.parse(v.configJson()));
        n.put("system_prompt", v.systemPrompt().orElse(null));
        n.put("creator_id", v.creatorId());
        n.put("created_at", v.createdAt().toString());
        n.put("updated_at", v.createdAt().toString()); // a version never changes
        return n;
    }
}
