package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Models, auth, unknown paths, malformed bodies and the /sim control endpoints. */
class HttpSurfaceTest {

    @Test
    void listsModels() throws Exception {
        var options = SimOptions.builder().script("fast", SimScript.empty()).script("slow", SimScript.empty()).build();
        try (var h = SimHarness.start(options)) {
            JsonNode list = SimHarness.json(h.get("/v1/models").body());
            assertThat(list.get("object").stringValue()).isEqualTo("list");
            assertThat(list.get("data").values().stream().map(m -> m.get("id").stringValue()))
                    .containsExactly("fast", "slow", "sim-echo");
            JsonNode model = list.get("data").get(0);
            assertThat(model.propertyNames()).containsExactly("id", "object", "created", "owned_by");
            assertThat(model.get("object").stringValue()).isEqualTo("model");
            assertThat(model.get("owned_by").stringValue()).isEqualTo("junction-sim");

            assertThat(SimHarness.json(h.get("/v1/models/slow").body()).get("id").stringValue()).isEqualTo("slow");
            HttpResponse<String> missing = h.get("/v1/models/nope");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(SimHarness.json(missing.body()).get("error").get("code").stringValue())
                    .isEqualTo("model_not_found");
        }
        try (var h = SimHarness.start(SimOptions.defaults().withModels(List.of("a", "b")))) {
            assertThat(SimHarness.json(h.get("/v1/models").body()).get("data")).hasSize(2);
        }
    }

    @Test
    void requiredApiKeyAnswers401InOpenAisShape() throws Exception {
        try (var h = SimHarness.start(SimOptions.defaults().withRequiredApiKey("sk-sim"))) {
            String body = "{\"model\":\"m\",\"messages\":[]}";
            HttpResponse<String> missing = h.post("/v1/chat/completions", body);
            assertThat(missing.statusCode()).isEqualTo(401);
            JsonNode error = SimHarness.json(missing.body()).get("error");
            assertThat(error.propertyNames()).containsExactly("message", "type", "param", "code");
            assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");

            HttpResponse<String> wrong = send(h, "/v1/chat/completions", body, "Bearer sk-wrong");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(SimHarness.json(wrong.body()).get("error").get("code").stringValue())
                    .isEqualTo("invalid_api_key");
            assertThat(wrong.body()).doesNotContain("sk-wrong");

            assertThat(send(h, "/v1/chat/completions", body, "Bearer sk-sim").statusCode()).isEqualTo(200);
            assertThat(h.http.send(h.request("/v1/models").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);

            List<SimRequestRecord> records = h.sim.stats().requests();
            assertThat(records).extracting(SimRequestRecord::authorized).containsExactly(false, false, true, false);
            assertThat(records).extracting(SimRequestRecord::status).containsExactly(401, 401, 200, 401);
        }
    }

    private static HttpResponse<String> send(SimHarness h, String path, String body, String authorization)
            throws Exception {
        return h.http.send(h.request(path).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownPathsAndMalformedBodiesGetOpenAiErrors() throws Exception {
        try (var h = SimHarness.start()) {
            HttpResponse<String> unknown = h.post("/v1/moderations", "{}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("{\"error\":{\"message\":\"Invalid URL (POST /v1/moderations)\","
                    + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
            assertThat(h.get("/v1/chat/completions").statusCode()).isEqualTo(404);

            HttpResponse<String> malformed = h.post("/v1/chat/completions", "{\"model\": \"m\", ");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(SimHarness.json(malformed.body()).get("error").get("type").stringValue())
                    .isEqualTo("invalid_request_error");
            assertThat(h.awaitLastClosed().body().isMissingNode()).isTrue();

            HttpResponse<String> noModel = h.post("/v1/chat/completions", "{\"messages\":[]}");
            assertThat(noModel.statusCode()).isEqualTo(400);
            assertThat(SimHarness.json(noModel.body()).get("error").get("param").stringValue()).isEqualTo("model");

            HttpResponse<String> noMessages = h.post("/v1/chat/completions", "{\"model\":\"m\"}");
            assertThat(noMessages.statusCode()).isEqualTo(400);
            assertThat(SimHarness.json(noMessages.body()).get("error").get("param").stringValue())
                    .isEqualTo("messages");
        }
    }

    @Test
    void controlEndpointsReportAndResetWithoutBeingRecorded() throws Exception {
        try (var h = SimHarness.start()) {
            h.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[]}");
            h.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[],\"sim\":{\"status\":500}}");

            JsonNode stats = SimHarness.json(h.get("/sim/stats").body());
            assertThat(stats.get("requests").longValue()).isEqualTo(2);
            assertThat(stats.get("completed").intValue()).isEqualTo(2);
            assertThat(stats.get("by_status").get("500").intValue()).isEqualTo(1);

            JsonNode requests = SimHarness.json(h.get("/sim/requests").body());
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).get("body").get("sim").get("status").intValue()).isEqualTo(500);
            assertThat(requests.get(1).get("status").intValue()).isEqualTo(500);

            assertThat(h.post("/sim/reset", "").statusCode()).isEqualTo(200);
            assertThat(h.sim.stats().count()).isZero();
            assertThat(h.sim.stats().requests()).isEmpty();
            assertThat(h.get("/sim/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void keepsOnlyTheNewestRecordsButCountsAll() throws Exception {
        try (var h = SimHarness.start(SimOptions.defaults().withRecordLimit(2))) {
            for (int i = 0; i < 3; i++) {
                h.get("/v1/models");
            }
            assertThat(h.sim.stats().count()).isEqualTo(3);
            assertThat(h.sim.stats().requests()).extracting(SimRequestRecord::seq).containsExactly(2L, 3L);
        }
    }

    @Test
    void baseUrlPointsAtTheBoundPort() throws Exception {
        try (var h = SimHarness.start()) {
            assertThat(h.sim.port()).isPositive();
            assertThat(h.sim.baseUrl()).isEqualTo("http://127.0.0.1:" + h.sim.port() + "/v1");
        }
    }
}
