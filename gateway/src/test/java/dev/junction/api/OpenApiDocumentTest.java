package dev.junction.api;

import dev.junction.wire.Json;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The description is built from the routes: a route it does not describe, or a description of no route, is an error. */
class OpenApiDocumentTest {
    private static final JsonNode TEMPLATE = Json.parse("""
            {"openapi":"3.1.0","info":{"title":"t","version":"1"},
             "aliases":{"/v1/things":"/api/v1/things"},
             "operations":{
               "GET /api/v1/things":{"operationId":"listThings","summary":"Things","responses":{"200":{"description":"ok"}}},
               "POST /api/v1/things":{"operationId":"addThing","responses":{"201":{"description":"added"}}}}}""".getBytes());

    private static RouteTable.Route route(HttpMethod method, String path) {
        return new RouteTable.Route(method, path);
    }

    @Test
    void everyRouteBecomesAnOperationAndAnAliasRepeatsItsOriginal() {
        ObjectNode document = OpenApiDocument.build(List.of(route(HttpMethod.GET, "/api/v1/things"),
                route(HttpMethod.POST, "/api/v1/things"), route(HttpMethod.GET, "/v1/things")), TEMPLATE);
        assertThat(document.has("operations")).isFalse();
        assertThat(document.has("aliases")).isFalse();
        assertThat(document.get("paths").propertyNames()).containsExactly("/api/v1/things", "/v1/things");
        assertThat(document.get("paths").get("/api/v1/things").propertyNames()).containsExactly("get", "post");
        JsonNode alias = document.get("paths").get("/v1/things").get("get");
        assertThat(alias.get("operationId").asString()).isEqualTo("listThingsAliasV1Things");
        assertThat(alias.get("description").asString()).isEqualTo("Things The same as `/api/v1/things`.");
    }

    @Test
    void aRouteMissingFromTheDescriptionStopsTheStart() {
        assertThatThrownBy(() -> OpenApiDocument.build(List.of(route(HttpMethod.GET, "/api/v1/things"),
                route(HttpMethod.POST, "/api/v1/things"), route(HttpMethod.DELETE, "/api/v1/things/{id}")), TEMPLATE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("routes without an operation: [DELETE /api/v1/things/{id}]");
    }

    @Test
    void anOperationWithoutARouteStopsTheStart() {
        assertThatThrownBy(() -> OpenApiDocument.build(List.of(route(HttpMethod.GET, "/api/v1/things")), TEMPLATE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("operations without a route: [POST /api/v1/things]");
    }
}
