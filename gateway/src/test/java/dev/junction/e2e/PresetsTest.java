package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.junction.testing.JsonAnswers.error;
import static dev.junction.testing.JsonAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presets over HTTP, field by field against the SDK's {@code Preset}, {@code PresetWithDesignatedVersion} and
 * {@code PresetDesignatedVersion}, and requests served through them in each dialect: the upstream receives the
 * preset's system prompt and parameters, and its fallbacks are tried in order.
 */
class PresetsTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim("UP",
                    SimOptions.defaults().withScript("broken", SimScript.empty().withStatus(503)))
            .config("""
                    catalog: {bundled: false}
                    providers:
                      up: {name: Up, base-url: "${UP_URL}"}
                    models:
                      acme/broken:
                        endpoints: [{provider: up, upstream-model: broken, pricing: {prompt: "0.000001", completion: "0.000001"}}]
                      acme/good:
                        endpoints: [{provider: up, upstream-model: good, pricing: {prompt: "0.000001", completion: "0.000001"}}]
                    """);

    private static final List<String> PRESET_FIELDS = List.of("created_at", "creator_user_id", "description",
            "designated_version_id", "id", "name", "slug", "status", "status_updated_at", "updated_at", "workspace_id");
    private static final List<String> VERSION_FIELDS = List.of("config", "created_at", "creator_id", "id", "preset_id",
            "system_prompt", "updated_at", "version");
    private static final String PROMPT = "You answer as the team's assistant.";

    private static String admin;

    @BeforeAll
    static void start() {
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        ok(as(admin, "POST", "/api/v1/presets", """
                {"name":"Team","slug":"team","description":"the team's defaults",
                 "config":{"model":"acme/broken","models":["acme/good"],"provider":{"allow_fallbacks":true},"temperature":0.3,"max_tokens":40},
                 "system_prompt":"%s"}""".formatted(PROMPT)), 201);
    }

    private static HttpResponse<String> as(String key, String method, String path, String body) {
        return gateway.call(key, method, path, body);
    }

    /** What the sim received for the model that served. */
    private static SimRequestRecord served() {
        return gateway.sim("UP").stats().requests().reversed().stream().filter(r -> r.model().equals("good")).findFirst().orElseThrow();
    }

    @Test
    void aPresetWithFallbacksAndASystemPromptServesARequestNamingOnlyThePreset() {
        gateway.sim("UP").stats().reset();
        JsonNode answer = ok(as(gateway.key(), "POST", "/api/v1/chat/completions", """
                {"model":"@preset/team","messages":[{"role":"user","content":"hello"}]}"""), 200);
        assertThat(answer.get("model").asString()).as("the preset's fallback served").isEqualTo("acme/good");
        List<SimRequestRecord> received = gateway.sim("UP").stats().requests();
        assertThat(received).extracting(SimRequestRecord::model).containsExactly("broken", "good");
        JsonNode upstream = received.get(1).body();
        assertThat(upstream.get("messages").get(0).get("role").asString()).isEqualTo("system");
        assertThat(upstream.get("messages").get(0).get("content").asString()).isEqualTo(PROMPT);
        assertThat(upstream.get("messages").get(1).get("content").asString()).isEqualTo("hello");
        assertThat(upstream.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(upstream.get("max_tokens").asInt()).isEqualTo(40);
        assertThat(upstream.has("preset")).isFalse();
    }

    @Test
    void theRequestsOwnFieldsWinOverThePresets() {
        ok(as(gateway.key(), "POST", "/api/v1/chat/completions", """
                {"model":"acme/good","preset":"team","temperature":0.9,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}]}"""), 200);
        JsonNode upstream = served().body();
        assertThat(upstream.get("temperature").asDouble()).isEqualTo(0.9);
        assertThat(upstream.get("max_tokens").asInt()).isEqualTo(40);
        assertThat(upstream.get("messages").get(0).get("content").asString()).isEqualTo(PROMPT);
        assertThat(upstream.get("messages").get(1).get("content").asString()).isEqualTo("Be brief.");
        assertThat(upstream.has("preset")).isFalse();
    }

    @Test
    void thePresetRoutesOfEachDialectApplyIt() {
        JsonNode chat = ok(as(gateway.key(), "POST", "/api/v1/presets/team/chat/completions", """
                {"messages":[{"role":"user","content":"hi"}]}"""), 200);
        assertThat(chat.get("model").asString()).isEqualTo("acme/good");

        JsonNode response = ok(as(gateway.key(), "POST", "/api/v1/presets/team/responses", """
                {"input":"hi","instructions":"Answer in French."}"""), 200);
        assertThat(response.get("object").asString()).isEqualTo("response");
        JsonNode system = served().body().get("messages").get(0);
        assertThat(system.get("role").asString()).isIn("system", "developer");
        assertThat(Json.text(system)).contains(PROMPT).contains("Answer in French.");

        HttpResponse<String> message = gateway.send(gateway.requestAs("/api/v1/presets/team/messages", gateway.key())
                .header("Content-Type", "application/json").header("anthropic-version", "2023-06-01")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"max_tokens":20,"messages":[{"role":"user","content":"hi"}]}""")).build());
        assertThat(message.statusCode()).as(message.body()).isEqualTo(200);
        assertThat(Json.parse(message.body()).get("type").asString()).isEqualTo("message");
        assertThat(Json.text(served().body().get("messages").get(0))).contains(PROMPT);
        assertThat(served().body().get("max_tokens").asInt()).as("the request's own max_tokens").isEqualTo(20);
    }

    @Test
    void presetsSpeakTheSdksShapesAndKeepTheirVersions() {
        ok(as(admin, "POST", "/api/v1/presets", """
                {"name":"Versioned Preset","config":{"model":"acme/good"},"system_prompt":"one"}"""), 201);
        JsonNode preset = ok(as(admin, "GET", "/api/v1/presets/versioned-preset", null), 200).get("data");
        for (String field : PRESET_FIELDS) {
            assertThat(preset.has(field)).as(field).isTrue();
        }
        JsonNode first = preset.get("designated_version");
        for (String field : VERSION_FIELDS) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(preset.get("status").asString()).isEqualTo("active");
        assertThat(preset.get("designated_version_id").asString()).isEqualTo(first.get("id").asString());
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("preset_id").asString()).isEqualTo(preset.get("id").asString());
        assertThat(first.get("config").get("model").asString()).isEqualTo("acme/good");

        JsonNode second = ok(as(admin, "PATCH", "/api/v1/presets/versioned-preset", "{\"system_prompt\":\"two\"}"), 200)
                .get("data").get("designated_version");
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(second.get("system_prompt").asString()).isEqualTo("two");
        assertThat(second.get("config").get("model").asString()).as("kept from version 1").isEqualTo("acme/good");
        JsonNode versions = ok(as(admin, "GET", "/api/v1/presets/versioned-preset/versions", null), 200);
        assertThat(versions.get("total_count").asInt()).isEqualTo(2);
        assertThat(versions.get("data").findValuesAsString("system_prompt")).containsExactly("two", "one");
        assertThat(ok(as(admin, "GET", "/api/v1/presets/versioned-preset/versions/1", null), 200).get("data").get("system_prompt")
                .asString()).isEqualTo("one");

        ok(as(admin, "PATCH", "/api/v1/presets/versioned-preset", "{\"designated_version\":1}"), 200);
        ok(as(gateway.key(), "POST", "/api/v1/chat/completions", "{\"model\":\"@preset/versioned-preset\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 200);
        assertThat(served().body().get("messages").get(0).get("content").asString()).isEqualTo("one");

        JsonNode listed = ok(as(admin, "GET", "/api/v1/presets", null), 200);
        assertThat(listed.get("data").findValuesAsString("slug")).contains("team", "versioned-preset");
        assertThat(listed.get("total_count").asInt()).isEqualTo(listed.get("data").size());

        ok(as(admin, "PATCH", "/api/v1/presets/versioned-preset", "{\"status\":\"disabled\"}"), 200);
        assertThat(error(as(gateway.key(), "POST", "/api/v1/chat/completions",
                "{\"model\":\"@preset/versioned-preset\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400)
                .get("message").asString()).contains("disabled");
        assertThat(ok(as(admin, "DELETE", "/api/v1/presets/versioned-preset", null), 200).get("deleted").asBoolean()).isTrue();
        error(as(admin, "GET", "/api/v1/presets/versioned-preset", null), 404);
    }

    @Test
    void changesMadeAtOnceEachGetAVersionOfTheirOwn() throws Exception {
        ok(as(admin, "POST", "/api/v1/presets", "{\"name\":\"Busy\",\"slug\":\"busy\",\"config\":{\"temperature\":0}}"), 201);
        int changes = 8;
        try (var pool = Executors.newFixedThreadPool(changes)) {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 1; i <= changes; i++) {
                String body = "{\"config\":{\"temperature\":0.%d}}".formatted(i);
                answers.add(pool.submit(() -> as(admin, "PATCH", "/api/v1/presets/busy", body)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                ok(answer.get(), 200);
            }
        }
        JsonNode versions = ok(as(admin, "GET", "/api/v1/presets/busy/versions?limit=100", null), 200);
        assertThat(versions.get("data").findValues("version")).extracting(JsonNode::asInt)
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(versions.get("data").findValues("config")).extracting(c -> c.get("temperature").decimalValue().toPlainString())
                .containsExactlyInAnyOrder("0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8");
    }

    @Test
    void badPresetRequestsAre4xx() {
        error(as(admin, "POST", "/api/v1/presets", "{\"name\":\"Team\"}"), 409);
        assertThat(error(as(admin, "POST", "/api/v1/presets", "{\"name\":\"x\",\"config\":{\"messages\":[]}}"), 400)
                .get("message").asString()).contains("config.messages");
        assertThat(error(as(admin, "POST", "/api/v1/presets", "{\"name\":\"x\",\"slug\":\"Bad Slug\"}"), 400)
                .get("message").asString()).contains("slug");
        assertThat(error(as(admin, "POST", "/api/v1/presets", "{\"name\":\"x\",\"confg\":{}}"), 400)
                .get("message").asString()).contains("confg");
        error(as(admin, "POST", "/api/v1/presets", "{\"name\":\"x\",\"config\":[]}"), 400);
        assertThat(error(as(admin, "POST", "/api/v1/presets",
                "{\"name\":\"Huge\",\"config\":{\"temperature\":1E+2147483647}}"), 400).get("message").asString())
                .contains("config.temperature");
        error(as(admin, "PATCH", "/api/v1/presets/team", "{\"designated_version\":7}"), 400);
        error(as(admin, "GET", "/api/v1/presets/team/versions/x", null), 404);
        error(as(gateway.key(), "POST", "/api/v1/presets", "{\"name\":\"x\"}"), 403);
        assertThat(error(as(gateway.key(), "POST", "/api/v1/chat/completions",
                "{\"model\":\"@preset/nothing\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400)
                .get("message").asString()).contains("nothing");
        error(as(gateway.key(), "POST", "/api/v1/chat/completions",
                "{\"model\":\"@preset/team\",\"preset\":\"other\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400);
        error(as(gateway.key(), "POST", "/api/v1/presets/team/responses", "{\"input\":\"x\",\"temperature\":1E+2147483647}"), 400);
        error(as(gateway.key(), "POST", "/api/v1/presets/nothing/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400);
    }
}
