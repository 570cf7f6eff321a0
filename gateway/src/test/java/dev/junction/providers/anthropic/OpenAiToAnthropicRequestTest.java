package dev.junction.providers.anthropic;

import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Pricing;
import dev.junction.config.ProviderConfig;
import dev.junction.config.ProviderKind;
import dev.junction.wire.ApiKind;
import dev.junction.testing.TestEndpoints;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request details the golden cases do not spell out one by one. */
class OpenAiToAnthropicRequestTest {
    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";

    private static ObjectNode build(String json, List<String> dropFields) {
        ProviderConfig provider = TestEndpoints.provider("anthropic", "Anthropic", ProviderKind.ANTHROPIC,
                "https://api.anthropic.com/v1", dropFields);
        Endpoint endpoint = TestEndpoints.endpoint("anthropic/claude", provider, "claude-x", Pricing.FREE, 0, OptionalInt.of(8192));
        return OpenAiToAnthropicRequest.build((ObjectNode) Json.parse(json), endpoint, ApiKind.CHAT, false);
    }

    private static ObjectNode build(String json) {
        return build(json, List.of());
    }

    @ParameterizedTest(name = "tool_choice {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "\"auto\"|{\"type\":\"auto\"}",
            "\"none\"|{\"type\":\"none\"}",
            "\"required\"|{\"type\":\"any\"}",
            "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}|{\"type\":\"tool\",\"name\":\"f\"}",
    })
    void toolChoiceMapsOntoAnthropicsFour(String choice, String expected) {
        ObjectNode out = build("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + TOOLS + ",\"tool_choice\":" + choice + "}");

        assertThat(out.get("tool_choice")).isEqualTo(Json.parse(expected));
    }

    @Test
    void parallelToolCallsFalseDisablesParallelUseEvenWithoutAToolChoice() {
        ObjectNode out = build("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + TOOLS + ",\"parallel_tool_calls\":false}");

        assertThat(out.get("tool_choice")).isEqualTo(Json.parse("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void aToolChoiceWithoutToolsIsLeftOut() {
        ObjectNode out = build("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tool_choice\":\"required\"}");

        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("tool_choice")).isFalse();
    }

    @Test
    void maxTokensIsCappedAtTheEndpointLimit() {
        assertThat(build("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":100000}")
                .path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(build("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").path("max_tokens").asInt())
                .isEqualTo(8192);
    }

    @Test
    void foreignToolCallIdsAreMadeAcceptableTheSameWayOnBothSides() {
        ObjectNode out = build("""
                {"messages":[{"role":"user","content":"hi"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call:1/a","type":"function","function":{"name":"f","arguments":"not json"}}]},
                 {"role":"tool","tool_call_id":"call:1/a","content":"ok"}]}""");

        JsonNode use = out.path("messages").get(1).path("content").get(0);
        JsonNode result = out.path("messages").get(2).path("content").get(0);
        assertThat(use.path("id").asString()).isEqualTo("call_1_a");
        assertThat(use.get("input")).isEqualTo(Json.object());
        assertThat(result.path("tool_use_id").asString()).isEqualTo("call_1_a");
    }

    @Test
    void aPlainTextFileIsDecodedIntoATextDocument() {
        ObjectNode out = build("""
                {"messages":[{"role":"user","content":[{"type":"file","file":{"file_data":"data:text/plain,a%20b+c"}}]}]}""");

        JsonNode source = out.path("messages").get(0).path("content").get(0).path("source");
        assertThat(source.path("type").asString()).isEqualTo("text");
        assertThat(source.path("data").asString()).isEqualTo("a b+c");
    }

    @Test
    void aMalformedEscapeInATextFileIsRefusedNamingThePart() {
        assertThatThrownBy(() -> build("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"x"},{"type":"file","file":{"file_data":"data:text/plain,%zz"}}]}]}"""))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessage("messages[0].content[1].file.file_data: the data: URL has a malformed %-escape '%zz' "
                        + "(a % must be followed by two hexadecimal digits)");
    }

    @Test
    void uploadedFileIdsAndTokenPromptsCannotBeExpressed() {
        assertThatThrownBy(() -> build("""
                {"messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-abc"}}]}]}"""))
                .isInstanceOf(UnsupportedInputException.class).hasMessageContaining("file_id");
    }

    @Test
    void dropFieldsRemoveAnthropicFieldsTheOperatorNamed() {
        ObjectNode out = build("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_k\":5,\"user\":\"u\"}",
                List.of("top_k", "metadata"));

        assertThat(out.has("top_k")).isFalse();
        assertThat(out.has("metadata")).isFalse();
        assertThat(out.path("messages").size()).isEqualTo(1);
    }
}
