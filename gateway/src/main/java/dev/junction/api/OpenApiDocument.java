package dev.junction.api;

import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 description of this gateway's API. Its {@code paths} are built
 * from the route table itself, each route taking its operation from {@code openapi.yaml} (an alias taking the
 * operation of the path it repeats), so a route cannot be served without being described: a route the file does not
 * describe, or an operation for a route that does not exist, stops the gateway from starting — every test that
 * starts one fails, naming the route.
 */
final class OpenApiDocument implements RouteTable.Handler {
    static final String PATH = "/api/v1/openapi.json";
    private static final JsonNode TEMPLATE = load();

    private byte[] body;

    /** Builds the document for {@code routes}; call once the table is complete (this route included). */
    void describe(List<RouteTable.Route> routes) {
        body = Json.bytes(build(routes, TEMPLATE));
    }

    @Override
    public Future<?> handle(HttpServerRequest request, Map<String, String> pathParams) {
        return request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(body));
    }

    /** The document: the template's top-level sections, and a path item per route. */
    static ObjectNode build(List<RouteTable.Route> routes, JsonNode template) {
        JsonNode operations = template.path("operations");
        JsonNode aliases = template.path("aliases");
        ObjectNode document = (ObjectNode) template.deepCopy();
        document.remove("operations");
        document.remove("aliases");
        ObjectNode paths = document.putObject("paths");
        List<String> undescribed = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (RouteTable.Route route : routes) {
            String own = route.name();
            String described = operations.has(own) ? own
                    : route.method().name() + " " + aliases.path(route.path()).asString(route.path());
            JsonNode operation = operations.get(described);
            if (operation == null) {
                undescribed.add(own);
                continue;
            }
            used.add(described);
            ObjectNode copy = (ObjectNode) operation.deepCopy();
            if (!described.equals(own)) {
                copy.put("operationId", copy.path("operationId").asString("") + "Alias" + aliasSuffix(route.path()));
                copy.put("description", (copy.path("description").asString(copy.path("summary").asString(""))
                        + " The same as `" + described.substring(described.indexOf(' ') + 1) + "`.").strip());
            }
            ObjectNode item = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            item.set(route.method().name().toLowerCase(Locale.ROOT), copy);
        }
        List<String> stale = new ArrayList<>();
        operations.propertyNames().forEach(name -> {
            if (!used.contains(name)) {
                stale.add(name);
            }
        });
        if (!undescribed.isEmpty() || !stale.isEmpty()) {
            throw new IllegalStateException("openapi.yaml and the route table disagree:"
                    + (undescribed.isEmpty() ? "" : " routes without an operation: " + undescribed + ";")
                    + (stale.isEmpty() ? "" : " operations without a route: " + stale));
        }
        return document;
    }

    /** {@code /v1/models/{model}} → {@code V1ModelsModel}: unique among aliases, stable across builds. */
    private static String aliasSuffix(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : path.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the jar");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
