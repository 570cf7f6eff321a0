package dev.junction.plugins;

import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema check of response healing, on schemas a client may send. */
class ResponseHealingSchemaTest {

    @Test
    void localReferencesAreFollowed() {
        var schema = Json.parse("""
                {"$schema": "https://json-schema.org/draft-07/schema#", "$defs": {"n": {"type": "number"}},
                 "type": "object", "properties": {"t": {"$ref": "#/$defs/n"}}}""");
        assertThat(ResponseHealing.check(schema, Json.parse("{\"t\": 1}"))).isEmpty();
        assertThat(ResponseHealing.check(schema, Json.parse("{\"t\": \"x\"}"))).singleElement().asString()
                .contains("/t: string found");
    }

    @Test
    void aSchemaReferringOutsideItselfIsNotCheckedSoNothingIsFetched() {
        var remote = Json.parse("{\"properties\": {\"t\": {\"$ref\": \"http://169.254.169.254/latest\"}}}");
        assertThat(ResponseHealing.check(remote, Json.parse("{\"t\": 1}")))
                .containsExactly("not checked against the schema: it refers to documents outside itself");
        var withId = Json.parse("{\"$id\": \"http://127.0.0.1:1/s\", \"type\": \"object\"}");
        assertThat(ResponseHealing.check(withId, Json.parse("{}"))).hasSize(1);
    }
}
