package dev.junction.plugins;

import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed JSON answers as models write them, and what repair makes of them. */
class JsonRepairTest {

    private static JsonRepair.Repaired repaired(String text) {
        return JsonRepair.repair(text).orElseThrow();
    }

    @Test
    void valid_json_is_left_as_it_is() {
        JsonRepair.Repaired r = repaired("{\"a\": [1, 2]}");
        assertThat(r.json()).isEqualTo("{\"a\": [1, 2]}");
        assertThat(r.fixes()).isEmpty();
    }

    @Test
    void a_fenced_answer_with_prose_around_it_is_unwrapped() {
        JsonRepair.Repaired r = repaired("Here you go:\n```json\n{\"city\": \"Oslo\"}\n```\nAnything else?");
        assertThat(r.value()).isEqualTo(Json.parse("{\"city\":\"Oslo\"}"));
        assertThat(r.fixes()).contains("removed a markdown code fence");
    }

    @Test
    void text_after_the_json_is_dropped() {
        JsonRepair.Repaired r = repaired("{\"ok\": true} I hope this helps! {\"not\": \"this\"}");
        assertThat(r.value()).isEqualTo(Json.parse("{\"ok\":true}"));
        assertThat(r.fixes()).containsExactly("removed text after the JSON");
    }

    @Test
    void an_answer_cut_off_mid_string_is_closed() {
        JsonRepair.Repaired r = repaired("{\"name\": \"Ada\", \"tags\": [\"math\", \"engi");
        assertThat(r.value()).isEqualTo(Json.parse("{\"name\":\"Ada\",\"tags\":[\"math\",\"engi\"]}"));
        assertThat(r.fixes()).containsExactly("closed an unterminated string", "closed 2 unclosed brackets");
    }

    @Test
    void dangling_keys_colons_and_commas_are_finished() {
        assertThat(repaired("{\"a\": 1, \"b\":").value()).isEqualTo(Json.parse("{\"a\":1,\"b\":null}"));
        assertThat(repaired("{\"a\": 1, \"b\"").value()).isEqualTo(Json.parse("{\"a\":1,\"b\":null}"));
        assertThat(repaired("{\"a\": [1, 2,], \"c\": 3,").value()).isEqualTo(Json.parse("{\"a\":[1,2],\"c\":3}"));
        JsonNode nested = repaired("[{\"x\": {\"y\": \"a \\\"quoted\\\" }").value();
        assertThat(nested.get(0).get("x").get("y").asString()).isEqualTo("a \"quoted\" }");
    }

    @Test
    void what_is_not_json_at_all_is_not_repaired() {
        assertThat(JsonRepair.repair("I cannot answer that.")).isEmpty();
        assertThat(JsonRepair.repair("{\"a\": tru")).isEmpty();
    }
}
