package dev.junction.testing;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on the JSON answers of the management API: the status, the content type, the error envelope. */
public final class JsonAnswers {
    private JsonAnswers() {}

    /** The answer's body, once its status and content type are as expected. */
    public static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return Json.parse(response.body());
    }

    /** The answer's {@code error} object, once the status and the envelope's code are as expected. */
    public static JsonNode error(HttpResponse<String> response, int status) {
        JsonNode body = ok(response, status);
        assertThat(body.get("error").get("code").asInt()).isEqualTo(status);
        return body.get("error");
    }
}
