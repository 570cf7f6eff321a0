package dev.junction.e2e;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.NamedEvents;
import dev.junction.wire.Json;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Claude Code session replayed through Junction, as Claude Code sends it with {@code ANTHROPIC_BASE_URL} pointing
 * at the gateway: its headers ({@code x-api-key}, {@code anthropic-version}, {@code anthropic-beta}), two system
 * blocks with {@code cache_control}, seventeen tools, and a twelve-step tool loop (with tool errors) — one streamed
 * request per turn, each the conversation so far with the cache breakpoint moved to its last block. Every event
 * Junction sends is read by the official SDK's own event model and accumulator, with validation, in front of an
 * Anthropic upstream (the model named by Claude's own id, an alias) and an OpenAI-compatible one.
 */
class ClaudeCodeReplayTest {
    private static final ObjectNode SESSION = (ObjectNode) read("src/test/resources/claude-code/session.json");

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension
            // The session's answers are its own: the upstream answers each turn in text (the sim's default would
            // call one of the 17 tools offered).
            .withSim(SimOptions.defaults()
                    .withScript("claude-sonnet-4-5-20250929", SimScript.empty().withReply("Done: the change is in place.")
                            .withToolCalls(List.of()))
                    .withScript("coder", SimScript.empty().withReply("Done: the change is in place.").withToolCalls(List.of())))
            .config("""
            providers:
              anthropic-sim: {name: Anthropic Sim, kind: anthropic, base-url: "${SIM_URL}"}
              openai-sim: {name: OpenAI Sim, base-url: "${SIM_URL}"}
            models:
              anthropic/claude-sonnet-4.5:
                endpoints:
                  - provider: anthropic-sim
                    upstream-model: claude-sonnet-4-5-20250929
                    pricing: {prompt: "0.000003", completion: "0.000015", input-cache-read: "0.0000003", input-cache-write: "0.00000375"}
              test/openai-coder:
                endpoints: [{provider: openai-sim, upstream-model: coder, pricing: {prompt: "0.000001", completion: "0.000002"}}]
            """);

    private static JsonNode read(String file) {
        try {
            return Json.parse(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claude Code's requests of the session: the conversation up to each user turn, its last block the breakpoint. */
    private static List<ObjectNode> requests(String model) {
        ObjectNode whole = (ObjectNode) SESSION.get("request");
        ArrayNode messages = (ArrayNode) whole.get("messages");
        List<ObjectNode> requests = new ArrayList<>();
        for (int last = 0; last < messages.size(); last += 2) {
            ObjectNode request = whole.deepCopy();
            request.put("model", model);
            ArrayNode sofar = request.putArray("messages");
            for (int i = 0; i <= last; i++) {
                sofar.add(messages.get(i).deepCopy());
            }
            ArrayNode blocks = (ArrayNode) sofar.get(last).get("content");
            ((ObjectNode) blocks.get(blocks.size() - 1)).putObject("cache_control").put("type", "ephemeral");
            requests.add(request);
        }
        return requests;
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5-20250929", "test/openai-coder"})
    void everyTurnStreamsEventsTheSdkReads(String model) throws IOException {
        List<ObjectNode> requests = requests(model);
        assertThat(requests).hasSize(13);
        for (int turn = 0; turn < requests.size(); turn++) {
            ObjectNode request = requests.get(turn);
            int before = gateway.sim().stats().requests().size();

            Message message = replay(request, "turn " + turn);

            assertThat(message.stopReason()).as("turn %d", turn).hasValue(StopReason.END_TURN);
            assertThat(message.usage().outputTokens()).as("turn %d", turn).isPositive();
            assertThat(message.usage().inputTokens()).as("turn %d", turn).isPositive();
            List<SimRequestRecord> sent = gateway.sim().stats().requests();
            assertThat(sent).hasSize(before + 1);
            assertCarried(request, sent.getLast().body(), model.startsWith("claude"));
        }
    }

    /** One turn: Claude Code's headers and body, every event through the SDK's model and accumulator. */
    private static Message replay(ObjectNode request, String turn) throws IOException {
        // Claude Code calls Anthropic's beta endpoint, which the SDK marks with a query parameter.
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(gateway.url("/v1/messages?beta=true")))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .header("x-api-key", gateway.key());
        SESSION.get("headers").properties().forEach(h -> http.header(h.getKey(), h.getValue().asString()));
        HttpResponse<String> response = gateway.send(http.POST(HttpRequest.BodyPublishers.ofString(Json.text(request))).build());
        assertThat(response.statusCode()).as("%s: %s", turn, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");

        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> types = new ArrayList<>();
        for (NamedEvents.Event named : NamedEvents.of(response.body())) {
            assertThat(named.name()).as("%s: every data line has its event name", turn).isNotEmpty()
                    .isEqualTo(Json.parse(named.data()).get("type").asString());
            types.add(named.name());
            if (!named.name().equals("ping")) {
                RawMessageStreamEvent event = ObjectMappers.jsonMapper().readValue(named.data(), RawMessageStreamEvent.class);
                event.validate();
                accumulator.accumulate(event);
            }
        }
        assertThat(types.getFirst()).as(turn).isEqualTo("message_start");
        assertThat(types.getLast()).as(turn).isEqualTo("message_stop");
        return accumulator.message().validate();
    }

    /** What Claude Code relies on reached the upstream: the cached system, every tool, the breakpoint, tool errors. */
    private static void assertCarried(ObjectNode request, JsonNode upstream, boolean claude) {
        int tools = request.get("tools").size();
        JsonNode lastSent = request.get("messages").get(request.get("messages").size() - 1).get("content");
        boolean error = lastSent.get(lastSent.size() - 1).path("is_error").asBoolean(false);
        if (claude) {
            assertThat(upstream.at("/system/0/cache_control/type").asString()).isEqualTo("ephemeral");
            assertThat(upstream.at("/system/1/cache_control/type").asString()).isEqualTo("ephemeral");
            assertThat(upstream.get("tools")).hasSize(tools);
            assertThat(upstream.at("/tools/1/input_schema")).isEqualTo(request.at("/tools/1/input_schema"));
            assertThat(upstream.at("/metadata/user_id")).isEqualTo(request.at("/metadata/user_id"));
            JsonNode last = upstream.get("messages").get(upstream.get("messages").size() - 1).get("content");
            JsonNode block = last.isArray() ? last.get(last.size() - 1) : last;
            JsonNode breakpoint = block.has("cache_control") ? block : block.path("content").path(block.path("content").size() - 1);
            assertThat(breakpoint.at("/cache_control/type").asString()).as(block.toString()).isEqualTo("ephemeral");
            assertThat(block.path("is_error").asBoolean(false)).isEqualTo(error);
        } else {
            assertThat(upstream.at("/messages/0/content/0/cache_control/type").asString()).isEqualTo("ephemeral");
            assertThat(upstream.get("tools")).hasSize(tools);
            JsonNode last = upstream.get("messages").get(upstream.get("messages").size() - 1);
            JsonNode part = last.get("content").get(last.get("content").size() - 1);
            assertThat(part.at("/cache_control/type").asString()).as(last.toString()).isEqualTo("ephemeral");
            assertThat(last.path("is_error").asBoolean(false)).isEqualTo(error);
        }
    }
}
