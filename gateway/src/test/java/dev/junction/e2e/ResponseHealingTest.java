package dev.junction.e2e;

import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code response-healing} plugin: malformed JSON answers from the upstream (here the sim, scripted to answer
 * so) reach the client repaired and checked against the request's schema, and the generation's record says so.
 */
class ResponseHealingTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim().config("""
            catalog: {bundled: false}
            providers:
              sim: {name: Sim, base-url: "${SIM_URL}"}
            models:
              acme/json:
                endpoints: [{provider: sim, upstream-model: json}]
            """);

    private static final String SCHEMA = """
            {"type": "object", "properties": {"city": {"type": "string"}, "temp": {"type": "number"}},
             "required": ["city", "temp"], "additionalProperties": false}""";

    private static ObjectNode request(String reply, String format, boolean healing) {
        ObjectNode body = Json.object().put("model", "acme/json");
        body.putArray("messages").addObject().put("role", "user").put("content", "Weather in Oslo, as JSON");
        ObjectNode responseFormat = body.putObject("response_format").put("type", format);
        if (format.equals("json_schema")) {
            responseFormat.putObject("json_schema").put("name", "weather").set("schema", Json.parse(SCHEMA));
        }
        if (healing) {
            body.putArray("plugins").addObject().put("id", "response-healing");
        }
        body.putObject("sim").put("reply", reply);
        return body;
    }

    private static JsonNode answer(ObjectNode body) {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", Json.text(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static String content(JsonNode answer) {
        return answer.at("/choices/0/message/content").asString();
    }

    private static List<String> notes(JsonNode answer) {
        JsonNode record = Json.parse(gateway.get("/api/v1/generation?id=" + answer.get("id").asString()).body())
                .get("data");
        return record.has("junction_notes")
                ? record.get("junction_notes").valueStream().map(JsonNode::asString).toList() : List.of();
    }

    @Test
    void aFencedAnswerCutOffBeforeItsLastBraceIsRepairedAndMatchesTheSchema() {
        JsonNode answer = answer(request("```json\n{\"city\": \"Oslo\", \"temp\": 4.5\n```", "json_schema", true));
        assertThat(Json.parse(content(answer))).isEqualTo(Json.parse("{\"city\":\"Oslo\",\"temp\":4.5}"));
        assertThat(notes(answer)).containsExactly(
                "response-healing: removed a markdown code fence; closed 1 unclosed bracket");
    }

    @Test
    void aJsonObjectAnswerWithAnOpenStringAndTrailingProseIsRepaired() {
        JsonNode answer = answer(request("Sure! {\"tags\": [\"cold\", \"wind", "json_object", true));
        assertThat(Json.parse(content(answer))).isEqualTo(Json.parse("{\"tags\":[\"cold\",\"wind\"]}"));
        assertThat(notes(answer)).containsExactly("response-healing: removed text before the JSON; "
                + "closed an unterminated string; closed 2 unclosed brackets");
    }

    @Test
    void anAnswerAgainstTheSchemaIsPassedOnAndTheViolationsRecorded() {
        JsonNode answer = answer(request("{\"city\": 7}", "json_schema", true));
        assertThat(content(answer)).isEqualTo("{\"city\": 7}");
        assertThat(notes(answer)).singleElement().asString()
                .startsWith("response-healing: does not match the schema (2 violations: ")
                .contains("temp").contains("city");
    }

    @Test
    void withoutThePluginTheAnswerIsAsTheModelWroteIt() {
        JsonNode answer = answer(request("```json\n{\"city\": \"Oslo\"", "json_object", false));
        assertThat(content(answer)).isEqualTo("```json\n{\"city\": \"Oslo\"");
        assertThat(notes(answer)).isEmpty();
    }

    @Test
    void aStreamIsNotHealedAndSaysSo() {
        ObjectNode body = request("{\"city\": \"Oslo\"", "json_object", true).put("stream", true);
        HttpResponse<java.io.InputStream> response = gateway.postStreaming("/api/v1/chat/completions", Json.text(body));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Junction-Warning")).containsExactly(
                "response-healing applies to answers that are not streamed; this stream is as the model wrote it");
        try (var in = response.body()) {
            in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
