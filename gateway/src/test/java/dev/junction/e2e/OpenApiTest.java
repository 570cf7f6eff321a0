package dev.junction.e2e;

import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/openapi.json} describes every route the gateway serves (it is built from the route table, and
 * the gateway would not start with a route undescribed) as a well-formed OpenAPI 3.1 document: unique operation ids,
 * every path parameter declared, every reference resolvable, a response for every operation.
 */
class OpenApiTest {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withoutSims().config("catalog: {bundled: false}\n");

    private static JsonNode document() {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/openapi.json")))
                .GET().build());
        assertThat(response.statusCode()).as("served without a key").isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        return Json.parse(response.body());
    }

    @Test
    void itIsAnOpenApi31DocumentOfEveryRoute() {
        JsonNode document = document();
        assertThat(document.get("openapi").asString()).startsWith("3.1");
        assertThat(document.get("info").get("title").asString()).isEqualTo("Junction");
        JsonNode paths = document.get("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/chat/completions", "/v1/chat/completions",
                "/api/v1/models/{model}", "/api/v1/models/{author}/{slug}/endpoints", "/api/v1/keys/{hash}",
                "/api/v1/openapi.json", "/health", "/ready");
        assertThat(paths.get("/api/v1/keys/{hash}").propertyNames()).containsExactlyInAnyOrder("get", "patch", "delete");

        Set<String> operationIds = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String where = operation.getKey() + " " + path.getKey();
                JsonNode op = operation.getValue();
                assertThat(operationIds.add(op.get("operationId").asString())).as(where + " has a unique operationId").isTrue();
                assertThat(op.get("responses").isEmpty()).as(where + " has responses").isFalse();
                assertThat(op.get("summary").asString()).as(where + " has a summary").isNotBlank();
                Matcher m = PATH_PARAMETER.matcher(path.getKey());
                while (m.find()) {
                    String name = m.group(1);
                    assertThat(declaredParameters(document, op)).as(where + " declares {" + name + "}").contains(name);
                }
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        JsonNode document = document();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse();
        }
    }

    private static List<String> declaredParameters(JsonNode document, JsonNode operation) {
        List<String> names = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved = parameter.has("$ref") ? document.at(parameter.get("$ref").asString().substring(1)) : parameter;
            if ("path".equals(resolved.path("in").asString(""))) {
                names.add(resolved.get("name").asString());
            }
        }
        return names;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
