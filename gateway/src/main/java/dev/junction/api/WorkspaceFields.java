package dev.junction.api;

import dev.junction.store.StoredWorkspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /workspaces} and {@code PATCH /workspaces/{id}} (the SDK's {@code CreateWorkspaceRequest},
 * {@code UpdateWorkspaceRequest}), read onto a workspace with a 400 naming the field. The SDK's observability and
 * server-tool settings are accepted only as their "off" values: Junction has none of them to turn on.
 */
final class WorkspaceFields {
    /** Lowercase letters and digits in segments joined by single hyphens, as the SDK describes. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_SLUG = 64;
    private static final int MAX_TEXT = 1000;
    private static final Set<String> SORTS = Set.of("price", "throughput", "latency", "exacto");
    private static final Set<String> OFF_SWITCHES = Set.of("is_data_discount_logging_enabled",
            "is_observability_broadcast_enabled", "is_observability_io_logging_enabled");
    private static final Set<String> FIELDS = Set.of("name", "slug", "description", "default_text_model",
            "default_image_model", "default_provider_sort", "disabled_server_tools", "io_logging_api_key_ids",
            "io_logging_sampling_rate", "is_data_discount_logging_enabled", "is_observability_broadcast_enabled",
            "is_observability_io_logging_enabled");

    private WorkspaceFields() {}

    /** A new workspace's fields; id, account and times are left for {@code teams.Workspaces} to set. */
    static StoredWorkspace create(ObjectNode body) {
        checkFields(body);
        if (!body.hasNonNull("slug")) {
            throw ApiException.badRequest("slug: required (lowercase letters and digits, segments joined by single hyphens)");
        }
        String name = JsonBodies.requiredName(body);
        StoredWorkspace blank = new StoredWorkspace("", "", "", name, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false, java.time.Instant.EPOCH, Optional.empty());
        return onto(blank, body);
    }

    /** The workspace with the fields sent replacing its own (null clears an optional one). */
    static StoredWorkspace update(StoredWorkspace current, ObjectNode body) {
        checkFields(body);
        if (body.has("name")) {
            JsonNode name = body.get("name");
            if (name.isNull()) {
                throw ApiException.badRequest("name: expected a non-empty string");
            }
            JsonBodies.name(name);
        }
        if (body.has("slug") && body.get("slug").isNull()) {
            throw ApiException.badRequest("slug: expected a slug (lowercase letters and digits, segments joined by single hyphens)");
        }
        return onto(current, body);
    }

    private static StoredWorkspace onto(StoredWorkspace w, ObjectNode body) {
        String name = body.hasNonNull("name") ? body.get("name").asString() : w.name();
        String slug = body.hasNonNull("slug") ? slug(body.get("slug")) : w.slug();
        return new StoredWorkspace(w.id(), w.accountId(), slug, name,
                text(body, "description", w.description()),
                text(body, "default_text_model", w.defaultTextModel()),
                text(body, "default_image_model", w.defaultImageModel()),
                sort(body, w.defaultProviderSort()),
                w.includeByokInBudgets(), w.isDefault(), w.createdAt(), w.updatedAt());
    }

    private static void checkFields(ObjectNode body) {
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest(field + ": not a workspace field");
            }
        }
        for (String field : OFF_SWITCHES) {
            JsonNode v = body.get(field);
            if (v != null && !(v.isBoolean() && !v.asBoolean())) {
                throw ApiException.badRequest(field + ": only false is accepted (Junction has no such feature to enable)");
            }
        }
        JsonNode tools = body.get("disabled_server_tools");
        if (tools != null && !tools.isNull() && !(tools.isArray() && tools.isEmpty())) {
            throw ApiException.badRequest("disabled_server_tools: only null or [] is accepted (Junction has no server tools)");
        }
        JsonNode ids = body.get("io_logging_api_key_ids");
        if (ids != null && !ids.isNull()) {
            throw ApiException.badRequest("io_logging_api_key_ids: only null is accepted (Junction has no I/O logging)");
        }
        JsonNode rate = body.get("io_logging_sampling_rate");
        if (rate != null && !(rate.isNumber() && rate.decimalValue().compareTo(java.math.BigDecimal.ONE) == 0)) {
            throw ApiException.badRequest("io_logging_sampling_rate: only 1 is accepted (Junction has no I/O logging)");
        }
    }

    private static String slug(JsonNode v) {
        if (!v.isString() || v.asString().length() > MAX_SLUG || !SLUG.matcher(v.asString()).matches()) {
            throw ApiException.badRequest("slug: expected lowercase letters and digits in segments joined by single hyphens, "
                    + "at most " + MAX_SLUG + " characters");
        }
        return v.asString();
    }

    private static Optional<String> text(ObjectNode body, String field, Optional<String> current) {
        if (!body.has(field)) {
            return current;
        }
        Optional<String> value = JsonBodies.text(body, field);
        if (value.isPresent() && value.get().length() > MAX_TEXT) {
            throw ApiException.badRequest(field + ": at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static Optional<String> sort(ObjectNode body, Optional<String> current) {
        Optional<String> sort = text(body, "default_provider_sort", current);
        if (body.has("default_provider_sort") && sort.isPresent() && !SORTS.contains(sort.get())) {
            throw ApiException.badRequest("default_provider_sort: expected price, throughput, latency or exacto, or null");
        }
        return sort;
    }
}
