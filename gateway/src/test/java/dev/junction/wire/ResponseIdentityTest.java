package dev.junction.wire;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResponseIdentity#write} must produce, byte for byte, what stamping the tree, setting the
 * trailing fields and serialising it produces: it replaced that on the hot paths.
 */
class ResponseIdentityTest {
    private static final ResponseIdentity IDENTITY = new ResponseIdentity("gen-1-abc", "Mock \"Quoted\" é", "a/b", 1_700_000_000L);

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt\",\"system_fingerprint\":\"fp\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w1 \\n\\u0000 😀\"},\"logprobs\":null,\"finish_reason\":null}]}",
            "{\"choices\":[],\"system_fingerprint\":null,\"service_tier\":\"default\",\"x\":[1,2.5,true,null,{\"y\":1e300}]}",
            "{\"provider\":\"Up\",\"usage\":{\"prompt_tokens\":1},\"choices\":[{\"finish_reason\":\"stop\",\"native_finish_reason\":\"end_turn\"}],\"big\":12345678901234567890}",
            "{}",
            "{\"error\":{\"code\":502,\"message\":\"boom\"},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}],\"system_fingerprint\":\"fp\"}"
    })
    void writesWhatStampSetAndSerialiseWrite(String upstreamJson) {
        ObjectNode upstream = (ObjectNode) Json.parse(upstreamJson);
        for (ObjectNode trailing : trailings()) {
            ObjectNode stamped = IDENTITY.stamp(upstream, "chat.completion");
            if (trailing != null) {
                for (Map.Entry<String, JsonNode> field : trailing.properties()) {
                    stamped.set(field.getKey(), field.getValue());
                }
            }
            String expected = new String(Json.bytes(stamped), StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator generator = Json.generator(out)) {
                IDENTITY.write(generator, upstream, "chat.completion", trailing);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).as("trailing %s", trailing).isEqualTo(expected);
        }
    }

    private static ObjectNode[] trailings() {
        ObjectNode usage = Json.object();
        usage.putObject("usage").put("cost", new BigDecimal("0.00000075")).put("prompt_tokens", 3);
        ObjectNode fingerprintAndUsage = Json.object();
        fingerprintAndUsage.putNull("system_fingerprint");
        fingerprintAndUsage.set("usage", usage.get("usage"));
        return new ObjectNode[] {null, Json.object(), usage, fingerprintAndUsage};
    }
}
