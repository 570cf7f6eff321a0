package dev.junction.generation.anthropic;

import dev.junction.accounting.Cost;
import dev.junction.accounting.TokenUsage;
import dev.junction.generation.Settlement;
import dev.junction.providers.UpstreamFailure;
import dev.junction.testing.NamedEvents;
import dev.junction.wire.Json;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Messages stream renderer on its own, for the orders of chunks the golden cases do not show. */
class AnthropicStreamTest {
    private final AnthropicStream stream = new AnthropicStream(new ResponseIdentity("gen-1", "Sim", "test/m", 0));

    /** The events of some bytes: each event's name must be its data's type. */
    private static List<JsonNode> events(Buffer bytes) {
        List<JsonNode> events = new ArrayList<>();
        for (NamedEvents.Event event : NamedEvents.of(bytes.toString())) {
            JsonNode data = Json.parse(event.data());
            assertThat(data.get("type").asString()).isEqualTo(event.name());
            events.add(data);
        }
        return events;
    }

    private static ObjectNode chunk(String deltaJson) {
        ObjectNode chunk = Json.object();
        chunk.putArray("choices").addObject().put("index", 0).set("delta", Json.parse(deltaJson));
        return chunk;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asString()
                + (e.has("index") ? "#" + e.get("index").asInt() : "")).toList();
    }

    @Test
    void aFailureBeforeAnyTokenIsTheErrorEventAlone() {
        UpstreamFailure overloaded = new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, "Sim", 529,
                "Sim returned HTTP 529", Optional.empty(), Optional.empty());

        List<JsonNode> events = events(stream.error(overloaded, Settlement.NONE));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.at("/error/type").asString()).isEqualTo("overloaded_error");
            assertThat(e.at("/error/message").asString()).isEqualTo("Sim returned HTTP 529");
        });
    }

    @Test
    void anAnswerWithNoChunksStillStartsAndStops() {
        List<JsonNode> events = events(stream.end(new Settlement(new TokenUsage(7, 0, 0, 0, 0, false), Cost.ZERO)));

        assertThat(types(events)).containsExactly("message_start", "message_delta", "message_stop");
        assertThat(events.get(1).at("/usage/input_tokens").asInt()).isEqualTo(7);
        assertThat(events.get(1).at("/delta/stop_reason").asString()).isEqualTo("end_turn");
    }

    @Test
    void interleavedToolArgumentsGoToTheirOwnBlocks() {
        Buffer out = Buffer.buffer();
        out.appendBuffer(stream.chunk(chunk("""
                {"tool_calls":[{"index":0,"id":"call_a","function":{"name":"a","arguments":""}}]}""")));
        out.appendBuffer(stream.chunk(chunk("""
                {"tool_calls":[{"index":1,"id":"call_b","function":{"name":"b","arguments":"{\\"y\\""}}]}""")));
        out.appendBuffer(stream.chunk(chunk("""
                {"tool_calls":[{"index":0,"function":{"arguments":"{\\"x\\":1}"}}]}""")));
        out.appendBuffer(stream.chunk(chunk("""
                {"tool_calls":[{"index":1,"function":{"arguments":":2}"}}]}""")));
        out.appendBuffer(stream.end(Settlement.NONE));

        List<JsonNode> events = events(out);
        assertThat(types(events)).containsExactly("message_start", "content_block_start#0", "content_block_stop#0",
                "content_block_start#1", "content_block_delta#1", "content_block_delta#0", "content_block_delta#1",
                "content_block_stop#1", "message_delta", "message_stop");
        assertThat(events.get(5).at("/delta/partial_json").asString()).isEqualTo("{\"x\":1}");
    }

    @Test
    void chunksWithoutChoicesAndEmptyDeltasMakeNoBlocks() {
        Buffer out = Buffer.buffer();
        ObjectNode usageOnly = Json.object();
        usageOnly.putArray("choices");
        out.appendBuffer(stream.chunk(usageOnly));
        out.appendBuffer(stream.chunk(chunk("{\"role\":\"assistant\",\"content\":\"\"}")));
        out.appendBuffer(stream.chunk(chunk("{\"content\":\"hi\"}")));

        assertThat(types(events(out))).containsExactly("message_start", "content_block_start#0", "content_block_delta#0");
    }

    @Test
    void anotherModelsReasoningIsUnsignedThinkingThenTheText() {
        Buffer out = Buffer.buffer();
        out.appendBuffer(stream.chunk(chunk("{\"reasoning\":\"hmm\"}")));
        out.appendBuffer(stream.chunk(chunk("{\"content\":\"42\"}")));
        out.appendBuffer(stream.end(Settlement.NONE));

        List<JsonNode> events = events(out);
        assertThat(types(events)).containsExactly("message_start", "content_block_start#0", "content_block_delta#0",
                "content_block_stop#0", "content_block_start#1", "content_block_delta#1", "content_block_stop#1",
                "message_delta", "message_stop");
        assertThat(events.get(1).at("/content_block/signature").asString()).isEmpty();
        assertThat(events.get(2).at("/delta/thinking").asString()).isEqualTo("hmm");
    }
}
