package dev.junction.generation;

import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ToolCallCheckTest {
    private static final JsonNode TOOLS = Json.parse("""
            [{"type":"function","function":{"name":"get_weather","parameters":{
              "type":"object","required":["city"],"additionalProperties":false,
              "properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]},
                            "days":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"}},
                            "near":{"anyOf":[{"type":"string"},{"type":"null"}]}}}}},
             {"type":"function","function":{"name":"now"}}]""");

    private static boolean valid(String name, String arguments) {
        return ToolCallCheck.valid(new ProducedToolCalls.Call(name, arguments), TOOLS);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"city\":\"Oslo\"}",
            "{\"city\":\"Oslo\",\"unit\":\"c\",\"days\":3,\"tags\":[\"a\"],\"near\":null}",
            "{\"city\":\"Oslo\",\"days\":3.0}"
    })
    void argumentsMatchingTheSchemaAreValid(String arguments) {
        assertThat(valid("get_weather", arguments)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"city\":\"Oslo\"",
            "[\"Oslo\"]",
            "{}",
            "{\"city\":7}",
            "{\"city\":\"Oslo\",\"unit\":\"k\"}",
            "{\"city\":\"Oslo\",\"country\":\"NO\"}",
            "{\"city\":\"Oslo\",\"days\":2.5}",
            "{\"city\":\"Oslo\",\"tags\":[1]}",
            "{\"city\":\"Oslo\",\"near\":4}"
    })
    void malformedOrMismatchedArgumentsAreNot(String arguments) {
        assertThat(valid("get_weather", arguments)).isFalse();
    }

    @Test
    void theFunctionMustBeOneOfTheRequestsTools() {
        assertThat(valid("get_time", "{}")).isFalse();
        assertThat(valid("now", "")).as("a function without parameters takes empty arguments").isTrue();
    }
}
