package dev.junction.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Values made up from a schema conform to it; strings carry the hint. */
class SchemaSampleTest {
    private static JsonNode sample(String schema) {
        return SchemaSample.of(Json.MAPPER.readTree(schema), "Paris weather");
    }

    @Test
    void anObjectHasEveryPropertyOfItsType() {
        JsonNode value = sample("""
                {"type":"object","properties":{
                  "city":{"type":"string"},"days":{"type":"integer","minimum":3,"maximum":7},
                  "celsius":{"type":"boolean"},"unit":{"type":"string","enum":["C","F"]},
                  "ratio":{"type":"number","exclusiveMinimum":0,"maximum":1},
                  "note":{"type":["string","null"]},"kind":{"const":"forecast"}},
                 "required":["city","days"],"additionalProperties":false}""");
        assertThat(value.toString()).isEqualTo("""
                {"city":"Paris weather","days":3,"celsius":true,"unit":"C","ratio":0.5,"note":"Paris weather",\
                "kind":"forecast"}""");
    }

    @Test
    void arraysHonourTheirBoundsAndUniqueness() {
        JsonNode value = sample("""
                {"type":"object","properties":{
                  "tags":{"type":"array","items":{"type":"string"},"minItems":3,"maxItems":3,"uniqueItems":true},
                  "none":{"type":"array","items":{"type":"integer"},"maxItems":0},
                  "pair":{"type":"array","prefixItems":[{"type":"integer"},{"type":"string","maxLength":5}]}}}""");
        assertThat(value.get("tags").toString()).isEqualTo("[\"Paris weather\",\"Paris weather 2\",\"Paris weather 3\"]");
        assertThat(value.get("none").toString()).isEqualTo("[]");
        assertThat(value.get("pair").toString()).isEqualTo("[1,\"Paris\"]");
    }

    @Test
    void stringsFollowTheirFormatAndLength() {
        JsonNode value = sample("""
                {"type":"object","properties":{
                  "when":{"type":"string","format":"date-time"},"day":{"type":"string","format":"date"},
                  "mail":{"type":"string","format":"email"},"id":{"type":"string","format":"uuid"},
                  "code":{"type":"string","minLength":20}}}""");
        assertThat(value.get("when").asString()).isEqualTo("2025-01-01T12:00:00Z");
        assertThat(value.get("day").asString()).isEqualTo("2025-01-01");
        assertThat(value.get("mail").asString()).isEqualTo("user@example.com");
        assertThat(value.get("id").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(value.get("code").asString()).hasSize(20).startsWith("Paris weather");
    }

    @Test
    void anAbsurdMinimumLengthIsPaddedOnlyToABound() {
        JsonNode value = sample("""
                {"type":"object","properties":{"huge":{"type":"string","minLength":2000000000}}}""");
        assertThat(value.get("huge").asString()).hasSize(4_096).startsWith("Paris weather...");
    }

    @Test
    void numbersRespectMultiplesAndBounds() {
        JsonNode value = sample("""
                {"type":"object","properties":{
                  "step":{"type":"integer","minimum":7,"multipleOf":5},
                  "negative":{"type":"integer","maximum":-4},
                  "price":{"type":"number","minimum":2.5,"multipleOf":0.5}}}""");
        assertThat(value.get("step").asInt()).isEqualTo(10);
        assertThat(value.get("negative").asInt()).isEqualTo(-4);
        assertThat(value.get("price").asDouble()).isEqualTo(2.5);
    }

    @Test
    void referencesCombinatorsAndRecursionEnd() {
        JsonNode value = sample("""
                {"$ref":"#/$defs/node",
                 "$defs":{"node":{"type":"object","properties":{"label":{"type":"string"},
                   "children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["label"]}}}""");
        assertThat(value.get("label").asString()).isEqualTo("Paris weather");
        JsonNode deepest = value;
        int depth = 0;
        while (deepest.has("children") && !deepest.get("children").isEmpty()) {
            deepest = deepest.get("children").get(0);
            depth++;
        }
        assertThat(depth).as("recursion stops").isBetween(1, 4);
        assertThat(deepest.get("label").asString()).isEqualTo("Paris weather");

        assertThat(sample("""
                {"anyOf":[{"type":"null"},{"type":"object","properties":{"a":{"type":"integer"}}}]}""").toString())
                .isEqualTo("{\"a\":1}");
        assertThat(sample("""
                {"allOf":[{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]},
                          {"properties":{"b":{"type":"boolean"}},"required":["b"]}]}""").toString())
                .isEqualTo("{\"a\":1,\"b\":true}");
    }

    @Test
    void geminisUpperCaseTypesAreUnderstood() {
        assertThat(sample("""
                {"type":"OBJECT","properties":{"n":{"type":"INTEGER"},"ok":{"type":"BOOLEAN"},
                 "list":{"type":"ARRAY","items":{"type":"STRING"}}}}""").toString())
                .isEqualTo("{\"n\":1,\"ok\":true,\"list\":[\"Paris weather\"]}");
    }
}
