package dev.junction.e2e;

import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the Responses endpoint cannot take gets a 400 in OpenRouter's envelope, naming the field, before anything goes upstream. */
class ResponsesBadInputTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim().config("""
            providers:
              sim: {name: Sim, base-url: "${SIM_URL}"}
            models:
              test/ok:
                endpoints: [{provider: sim, upstream-model: ok}]
            """);

    record Case(String name, String body, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("input of a wrong type", """
                        {"model":"test/ok","input":42}""", "input: expected a string or an array of items, got a number"),
                new Case("no input", """
                        {"model":"test/ok"}""", "input: required"),
                new Case("an unknown item type", """
                        {"model":"test/ok","input":[{"type":"telepathy","content":"x"}]}""",
                        "input[0].type: 'telepathy' is not supported"),
                new Case("an unknown content part", """
                        {"model":"test/ok","input":[{"role":"user","content":[{"type":"input_smell"}]}]}""",
                        "input[0].content[0].type: 'input_smell' is not supported"),
                new Case("a function_call_output without its call", """
                        {"model":"test/ok","input":[{"role":"user","content":"hi"},
                         {"type":"function_call_output","call_id":"call_1","output":"42"}]}""",
                        "input[1].call_id: 'call_1' matches no function_call earlier in input"),
                new Case("previous_response_id", """
                        {"model":"test/ok","input":"hi","previous_response_id":"resp_123"}""",
                        "previous_response_id: not supported"),
                new Case("store: true", """
                        {"model":"test/ok","input":"hi","store":true}""", "store: only false is supported"),
                new Case("an item by reference", """
                        {"model":"test/ok","input":[{"type":"item_reference","id":"msg_1"}]}""",
                        "input[0].type: item_reference is not supported"),
                new Case("a hosted tool", """
                        {"model":"test/ok","input":"hi","tools":[{"type":"web_search_preview"}]}""",
                        "tools[0].type: 'web_search_preview' is not supported"),
                new Case("a file by id", """
                        {"model":"test/ok","input":[{"role":"user","content":[{"type":"input_file","file_id":"file-1"}]}]}""",
                        "input[0].content[0].file_id: files by id are not supported"),
                new Case("a bad text format", """
                        {"model":"test/ok","input":"hi","text":{"format":{"type":"yaml"}}}""",
                        "text.format.type: expected text, json_object or json_schema"),
                new Case("max_output_tokens out of range", """
                        {"model":"test/ok","input":"hi","max_output_tokens":-5}""", "max_output_tokens:"),
                new Case("malformed JSON", "{\"model\":", "Request body is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isA400NamingTheField(Case c) {
        long before = gateway.sim().stats().count();

        HttpResponse<String> response = gateway.post("/api/v1/responses", c.body());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Json.parse(response.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("message").asString()).contains(c.message());
        assertThat(gateway.sim().stats().count()).as("nothing went upstream").isEqualTo(before);
    }
}
