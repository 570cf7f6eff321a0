package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaToGeminiSchemaTest {
    private static JsonNode convert(String schema) {
        return Json.parse(Json.text(JsonSchemaToGeminiSchema.convert(Json.parse(schema), "tools[0].function.parameters")));
    }

    private static void assertConverts(String schema, String expected) {
        assertThat(convert(schema)).isEqualTo(Json.parse(expected));
    }

    @Test
    void typesBecomeGeminisUpperCaseEnum() {
        assertConverts("""
                {"type":"object","properties":{"s":{"type":"string"},"n":{"type":"number"},"i":{"type":"integer"},
                 "b":{"type":"boolean"},"a":{"type":"array","items":{"type":"string"}}}}""", """
                {"type":"OBJECT","properties":{"s":{"type":"STRING"},"n":{"type":"NUMBER"},"i":{"type":"INTEGER"},
                 "b":{"type":"BOOLEAN"},"a":{"type":"ARRAY","items":{"type":"STRING"}}}}""");
    }

    @Test
    void nullInATypeListOrAnyOfBecomesNullable() {
        assertConverts("""
                {"type":["integer","null"]}""", """
                {"type":"INTEGER","nullable":true}""");
        assertConverts("""
                {"anyOf":[{"type":"string","description":"a name"},{"type":"null"}],"description":"who"}""", """
                {"nullable":true,"description":"who","type":"STRING"}""");
    }

    @Test
    void severalTypesAndAlternativesBecomeAnyOf() {
        assertConverts("""
                {"type":["string","number"]}""", """
                {"anyOf":[{"type":"STRING"},{"type":"NUMBER"}]}""");
        assertConverts("""
                {"oneOf":[{"type":"string"},{"type":"object","properties":{"x":{"type":"number"}}},{"type":"null"}]}""", """
                {"nullable":true,"anyOf":[{"type":"STRING"},{"type":"OBJECT","properties":{"x":{"type":"NUMBER"}}}]}""");
    }

    @Test
    void allOfBranchesAreMerged() {
        assertConverts("""
                {"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},
                          {"properties":{"b":{"type":"integer"}},"required":["b"]}]}""", """
                {"type":"OBJECT","properties":{"a":{"type":"STRING"},"b":{"type":"INTEGER"}},"required":["a","b"]}""");
    }

    @Test
    void localReferencesAreInlinedWithTheirSiblingDescription() {
        assertConverts("""
                {"type":"object","properties":{"home":{"$ref":"#/definitions/address","description":"where they live"}},
                 "definitions":{"address":{"type":"object","description":"an address",
                   "properties":{"street":{"type":"string"}}}}}""", """
                {"type":"OBJECT","properties":{"home":{"type":"OBJECT","description":"where they live",
                  "properties":{"street":{"type":"STRING"}}}}}""");
    }

    @Test
    void recursiveRemoteAndDanglingReferencesAreRejectedWithThePath() {
        assertThatThrownBy(() -> convert("""
                {"$ref":"#/$defs/n","$defs":{"n":{"type":"object","properties":{"next":{"$ref":"#/$defs/n"}}}}}"""))
                .isInstanceOf(GeminiRequestException.class)
                .hasMessageContaining("tools[0].function.parameters").hasMessageContaining("recursive");
        assertThatThrownBy(() -> convert("""
                {"$ref":"https://example.com/schema.json"}"""))
                .isInstanceOf(GeminiRequestException.class).hasMessageContaining("not a local reference");
        assertThatThrownBy(() -> convert("""
                {"$ref":"#/$defs/missing"}"""))
                .isInstanceOf(GeminiRequestException.class).hasMessageContaining("points at nothing");
    }

    @Test
    void aDefinitionUsedTwiceSideBySideIsNotRecursion() {
        assertConverts("""
                {"type":"object","properties":{"a":{"$ref":"#/$defs/p"},"b":{"$ref":"#/$defs/p"}},
                 "$defs":{"p":{"type":"string"}}}""", """
                {"type":"OBJECT","properties":{"a":{"type":"STRING"},"b":{"type":"STRING"}}}""");
    }

    @Test
    void enumsOfStringsStayAndOthersMoveIntoTheDescription() {
        assertConverts("""
                {"enum":["a","b",null]}""", """
                {"type":"STRING","nullable":true,"enum":["a","b"]}""");
        assertConverts("""
                {"const":"fixed"}""", """
                {"type":"STRING","enum":["fixed"]}""");
        assertConverts("""
                {"type":"integer","enum":[1,2],"description":"Level"}""", """
                {"type":"INTEGER","description":"Level. Allowed values: 1, 2."}""");
    }

    @Test
    void formatsGeminiRejectsAreDropped() {
        assertConverts("""
                {"type":"object","properties":{"e":{"type":"string","format":"email"},
                 "t":{"type":"string","format":"date-time"},"f":{"type":"number","format":"float"},
                 "u":{"type":"integer","format":"uint8"}}}""", """
                {"type":"OBJECT","properties":{"e":{"type":"STRING"},"t":{"type":"STRING","format":"date-time"},
                 "f":{"type":"NUMBER","format":"float"},"u":{"type":"INTEGER"}}}""");
    }

    @Test
    void unsupportedKeywordsAreDroppedAndSupportedOnesKept() {
        assertConverts("""
                {"$schema":"x","$id":"y","$comment":"z","type":"object","title":"T","additionalProperties":false,
                 "patternProperties":{"^x":{}},"minProperties":1,"maxProperties":3,"not":{"type":"null"},
                 "properties":{"s":{"type":"string","minLength":1,"maxLength":9,"pattern":"^a","examples":["ab"]},
                  "n":{"type":"number","minimum":0,"maximum":1,"exclusiveMaximum":1,"multipleOf":0.5,"default":0.5},
                  "a":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":2,"uniqueItems":true}},
                 "required":["s","ghost"],"propertyOrdering":["s","n","a"]}""", """
                {"type":"OBJECT","title":"T","minProperties":1,"maxProperties":3,"propertyOrdering":["s","n","a"],
                 "properties":{"s":{"type":"STRING","minLength":1,"maxLength":9,"pattern":"^a","example":"ab"},
                  "n":{"type":"NUMBER","minimum":0,"maximum":1,"default":0.5},
                  "a":{"type":"ARRAY","items":{"type":"STRING"},"minItems":1,"maxItems":2}},
                 "required":["s"]}""");
    }

    @Test
    void emptyObjectsArraysWithoutItemsAndTuplesBecomeWhatGeminiAccepts() {
        JsonNode empty = convert("""
                {"type":"object","properties":{}}""");
        assertThat(empty).isEqualTo(Json.parse("""
                {"type":"OBJECT"}"""));
        assertThat(JsonSchemaToGeminiSchema.isEmptyObject((tools.jackson.databind.node.ObjectNode) empty)).isTrue();
        assertConverts("""
                {"type":"array"}""", """
                {"type":"ARRAY","items":{"type":"STRING"}}""");
        assertConverts("""
                {"type":"array","prefixItems":[{"type":"string"},{"type":"number"}]}""", """
                {"type":"ARRAY","items":{"anyOf":[{"type":"STRING"},{"type":"NUMBER"}]}}""");
        assertConverts("""
                {"type":"object","properties":{"anything":{},"described":{"description":"free"}}}""", """
                {"type":"OBJECT","properties":{"anything":{},"described":{"description":"free"}}}""");
    }

    @Test
    void openApiStyleInputPassesThrough() {
        assertConverts("""
                {"type":"OBJECT","properties":{"x":{"type":"STRING","nullable":true}}}""", """
                {"type":"OBJECT","properties":{"x":{"type":"STRING","nullable":true}}}""");
    }

    @Test
    void unknownTypesAreRejected() {
        assertThatThrownBy(() -> convert("""
                {"type":"date"}""")).isInstanceOf(GeminiRequestException.class).hasMessageContaining("'date'");
    }
}
