package dev.junction.api;

import dev.junction.keys.ApiKey;
import dev.junction.store.DuplicateKeyException;
import dev.junction.store.StoredPresetVersion;
import dev.junction.teams.AuditLog;
import dev.junction.teams.Presets;
import dev.junction.wire.ClientNumbers;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /presets}: create, list, read, change (a new configuration is a new version) and delete presets, and read
 * their versions — for provisioning keys, within their account, every change in the audit log. Requests use presets
 * through the completion routes ({@code CompletionHandler}).
 */
final class PresetsHandler {
    private static final int BODY_LIMIT = 512 * 1024;
    private static final Set<String> FIELDS = Set.of("name", "slug", "description", "config", "system_prompt", "status",
            "designated_version");
    private static final Set<String> STATUSES = Set.of("active", "disabled", "archived");

    private final Presets presets;
    private final AuditLog audit;
    private final ManagementCalls calls;

    PresetsHandler(Services services, Vertx vertx) {
        this.presets = services.presets();
        this.audit = services.audit();
        this.calls = new ManagementCalls(services, vertx, BODY_LIMIT);
    }

    Future<?> list(HttpServerRequest request, Map<String, String> params) {
        Paging page = Paging.of(request);
        return calls.provisioning(request).compose(admin -> calls.page(
                () -> presets.list(admin.accountId(), page.offset(), page.limit()).stream().map(p -> PresetJson.of(p,
                        presets.find(admin.accountId(), p.slug()).flatMap(Presets.WithVersion::designated))).toList(),
                () -> presets.count(admin.accountId()))).compose(body -> KeysHandler.send(request, 200, body));
    }

    /** {@code {"name", "slug"?, "description"?, "config"?, "system_prompt"?}}; the slug defaults to the name's. */
    Future<?> create(HttpServerRequest request, Map<String, String> params) {
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = fields(buffer.getBytes());
            for (String later : new String[] {"status", "designated_version"}) {
                if (body.has(later)) {
                    throw ApiException.badRequest(later + ": a new preset is active with its first version; change it with PATCH");
                }
            }
            String name = JsonBodies.requiredName(body);
            String slug = body.hasNonNull("slug") ? JsonBodies.text(body, "slug").orElseThrow() : slugOf(name);
            Optional<String> description = JsonBodies.text(body, "description");
            ObjectNode config = config(body).orElseGet(Json::object);
            Optional<String> prompt = JsonBodies.text(body, "system_prompt");
            return calls.blocking(() -> {
                try {
                    Presets.WithVersion created = presets.create(admin, slug, name, description, config, prompt);
                    audit.record(admin, "create", "preset", created.preset().id(), body);
                    return created;
                } catch (DuplicateKeyException e) {
                    throw new ApiException(409, "A preset with slug " + slug + " exists already");
                }
            });
        }).compose(p -> KeysHandler.send(request, 201, JsonBodies.data(PresetJson.withVersion(p))));
    }

    Future<?> get(HttpServerRequest request, Map<String, String> params) {
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("slug")))
                .compose(p -> KeysHandler.send(request, 200, JsonBodies.data(PresetJson.withVersion(p))));
    }

    /**
     * PATCH: {@code name}, {@code description}, {@code status} change the preset; {@code config} or {@code system_prompt}
     * make a new version (what is not sent is taken from the designated one), designated; {@code designated_version}
     * points requests at an existing version.
     */
    Future<?> update(HttpServerRequest request, Map<String, String> params) {
        return calls.withBody(request, (admin, buffer) -> {
            ObjectNode body = fields(buffer.getBytes());
            if (body.has("slug")) {
                throw ApiException.badRequest("slug: a preset's slug cannot change");
            }
            Optional<String> name = body.hasNonNull("name") ? Optional.of(JsonBodies.name(body.get("name"))) : Optional.empty();
            Optional<String> status = JsonBodies.text(body, "status");
            if (status.isPresent() && !STATUSES.contains(status.get())) {
                throw ApiException.badRequest("status: expected active, disabled or archived");
            }
            Optional<ObjectNode> config = config(body);
            Optional<Optional<String>> prompt = body.has("system_prompt") ? Optional.of(JsonBodies.text(body, "system_prompt")) : Optional.empty();
            Optional<Integer> designate = body.hasNonNull("designated_version")
                    ? Optional.of((int) ClientNumbers.wholeNumber(body.get("designated_version"), "designated_version", 1, Integer.MAX_VALUE))
                    : Optional.empty();
            if (designate.isPresent() && (config.isPresent() || prompt.isPresent())) {
                throw ApiException.badRequest("designated_version: not with config or system_prompt, which make a new version");
            }
            return owned(admin, params.get("slug")).compose(current -> calls.blocking(() -> {
                var p = current.preset();
                Optional<String> description = body.has("description") ? JsonBodies.text(body, "description") : p.description();
                Presets.WithVersion changed;
                try {
                    changed = presets.update(admin, current, name.orElse(p.name()), description, status.orElse(p.status()),
                            config, prompt, designate).orElseThrow(() -> ApiException.notFound("No preset " + p.slug()));
                } catch (DuplicateKeyException e) {
                    throw new ApiException(409, "Preset " + p.slug() + " kept changing meanwhile; try again");
                }
                audit.record(admin, "update", "preset", p.id(), body);
                return changed;
            }));
        }).compose(p -> KeysHandler.send(request, 200, JsonBodies.data(PresetJson.withVersion(p))));
    }

    Future<?> delete(HttpServerRequest request, Map<String, String> params) {
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("slug")).compose(p -> calls.blocking(() -> {
                    presets.delete(p.preset());
                    audit.record(admin, "delete", "preset", p.preset().id(), Json.object().put("slug", p.preset().slug()));
                    return p;
                })))
                .compose(p -> KeysHandler.send(request, 200, Json.object().put("deleted", true)));
    }

    Future<?> versions(HttpServerRequest request, Map<String, String> params) {
        Paging page = Paging.of(request);
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("slug")))
                .compose(p -> calls.page(
                        () -> presets.versions(p.preset(), page.offset(), page.limit()).stream().map(PresetJson::version).toList(),
                        () -> presets.countVersions(p.preset())))
                .compose(body -> KeysHandler.send(request, 200, body));
    }

    Future<?> version(HttpServerRequest request, Map<String, String> params) {
        int number = versionNumber(params.get("version"));
        return calls.provisioning(request)
                .compose(admin -> owned(admin, params.get("slug")))
                .compose(p -> calls.blocking(() -> presets.version(p.preset(), number)
                        .orElseThrow(() -> ApiException.notFound("Preset " + p.preset().slug() + " has no version " + number))))
                .compose(v -> KeysHandler.send(request, 200, JsonBodies.data(PresetJson.version(v))));
    }

    private static int versionNumber(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.notFound("No preset version " + text);
    }

    private static ObjectNode fields(byte[] bytes) {
        ObjectNode body = JsonBodies.object(bytes);
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest(field + ": not a preset field (" + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        return body;
    }

    private static Optional<ObjectNode> config(ObjectNode body) {
        JsonNode config = body.get("config");
        if (config == null || config.isNull()) {
            return Optional.empty();
        }
        if (!(config instanceof ObjectNode object)) {
            throw ApiException.badRequest("config: expected an object of request fields (model, models, provider, temperature, …)");
        }
        return Optional.of(object.deepCopy());
    }

    /** A slug from a name: lower case, runs of anything but letters and digits as one '-'. */
    private static String slugOf(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 64 ? slug.substring(0, 64) : slug;
    }

    private Future<Presets.WithVersion> owned(ApiKey admin, String slug) {
        return calls.blocking(() -> presets.find(admin.accountId(), slug)
                .orElseThrow(() -> ApiException.notFound("No preset " + slug)));
    }

}
