package dev.junction.providers.openai;

import dev.junction.catalog.Catalog;
import dev.junction.catalog.Endpoint;
import dev.junction.config.ConfigLoader;
import dev.junction.wire.ApiKind;
import dev.junction.wire.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OpenAiUpstreamBody#write} must produce, byte for byte, the serialised {@link OpenAiUpstreamBody#build}. */
class OpenAiUpstreamBodyTest {
    private static final Endpoint ENDPOINT = Catalog.from(new ConfigLoader(Map.of()).parse("""
            providers:
              up:
                base-url: http://127.0.0.1:9/v1
                drop-fields: [transforms, plugins]
            models:
              a/b:
                endpoints: [{provider: up, upstream-model: upstream-b}]
            """, "test")).model("a/b").orElseThrow().endpoints().getFirst();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"a/b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi é\"}],\"temperature\":0.7}",
            "{\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":false,\"x\":1},\"models\":[\"c/d\"],\"provider\":{\"order\":[\"x\"]},\"transforms\":[\"middle-out\"],\"usage\":{\"include\":true},\"route\":\"fallback\",\"tools\":[{\"type\":\"function\"}],\"n\":null}",
            "{\"stream_options\":\"not an object\",\"plugins\":[],\"max_tokens\":12345678901234567890}",
            "{}"
    })
    void writesWhatBuildSerialisesTo(String clientJson) {
        ObjectNode client = (ObjectNode) Json.parse(clientJson);
        for (boolean stream : new boolean[] {false, true}) {
            String expected = new String(Json.bytes(OpenAiUpstreamBody.build(client, ENDPOINT, ApiKind.CHAT, stream)), StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator generator = Json.generator(out)) {
                OpenAiUpstreamBody.write(generator, client, ENDPOINT, ApiKind.CHAT, stream);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).as("stream=%s", stream).isEqualTo(expected);
            assertThat(Json.text(client)).isEqualTo(clientJson.isEmpty() ? "{}" : Json.text(Json.parse(clientJson)));
        }
    }
}
