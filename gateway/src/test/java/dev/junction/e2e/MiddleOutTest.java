package dev.junction.e2e;

import dev.junction.sim.SimOptions;
import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code middle-out} transform: a conversation longer than an 8k endpoint's context window is answered, the
 * upstream receiving the system prompt and the latest turns with messages dropped from the middle; the answer's
 * header and the generation's record say what went. {@code transforms: []} turns it off.
 */
class MiddleOutTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim(SimOptions.defaults()
                    .withContextLength("small-8k", 8192))
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      acme/small:
                        endpoints: [{provider: sim, upstream-model: small-8k, context-length: 8192}]
                      acme/small-unlisted:
                        endpoints: [{provider: sim, upstream-model: small-8k}]
                      acme/large:
                        endpoints: [{provider: sim, upstream-model: large, context-length: 131072}]
                    """);

    private static final int TURNS = 40;

    @BeforeEach
    void reset() {
        gateway.sim().stats().reset();
    }

    /** A system prompt, forty long turns (about 12,000 tokens) and a short last question. */
    private static ObjectNode conversation(String model) {
        ObjectNode body = Json.object().put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You are a terse assistant.");
        for (int i = 0; i < TURNS; i++) {
            messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", turn(i));
        }
        messages.addObject().put("role", "user").put("content", "So, what did we decide?");
        return body;
    }

    private static String turn(int i) {
        StringBuilder text = new StringBuilder("turn " + i + ":");
        for (int w = 0; w < 300; w++) {
            text.append(" word");
        }
        return text.toString();
    }

    private static List<String> sentContents() {
        JsonNode sent = gateway.sim().stats().last().orElseThrow().body();
        List<String> contents = new ArrayList<>();
        sent.get("messages").forEach(m -> contents.add(m.get("content").asString()));
        return contents;
    }

    @Test
    void aConversationOverAnEightKContextIsAnsweredWithItsMiddleRemoved() {
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", Json.text(conversation("acme/small")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        List<String> sent = sentContents();
        List<String> original = new ArrayList<>();
        conversation("acme/small").get("messages").forEach(m -> original.add(m.get("content").asString()));
        assertThat(sent.size()).isBetween(3, original.size() - 1);
        assertThat(sent.getFirst()).as("the system prompt stays").isEqualTo("You are a terse assistant.");
        assertThat(sent.getLast()).as("the latest turn stays").isEqualTo("So, what did we decide?");
        // What is kept is the start and the end of the conversation, unchanged: the messages went from the middle.
        int head = 0;
        while (sent.get(head).equals(original.get(head))) {
            head++;
        }
        List<String> tail = sent.subList(head, sent.size());
        assertThat(original.subList(original.size() - tail.size(), original.size())).isEqualTo(tail);
        assertThat(head).as("early turns kept").isGreaterThan(1);
        assertThat(tail.size()).as("late turns kept").isGreaterThan(1);

        int removed = original.size() - sent.size();
        String header = response.headers().firstValue("X-Junction-Middle-Out").orElseThrow();
        assertThat(header).startsWith("middle-out: removed " + removed + " messages #" + head + "-"
                + (head + removed - 1) + "; prompt ");

        JsonNode record = Json.parse(gateway.get("/api/v1/generation?id="
                + Json.parse(response.body()).get("id").asString()).body()).get("data");
        assertThat(record.get("junction_notes")).containsExactly(Json.NODES.stringNode(header));
    }

    @Test
    void aStreamSaysWhatWasRemovedInItsHeadToo() {
        ObjectNode body = conversation("acme/small").put("stream", true);
        HttpResponse<java.io.InputStream> response = gateway.postStreaming("/api/v1/chat/completions", Json.text(body));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Junction-Middle-Out")).hasValueSatisfying(
                h -> assertThat(h).startsWith("middle-out: removed "));
        try (var in = response.body()) {
            in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(sentContents().getLast()).isEqualTo("So, what did we decide?");
    }

    @Test
    void transformsEmptyTurnsItOffAndTheContextLimitStands() {
        ObjectNode body = conversation("acme/small");
        body.putArray("transforms");
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", Json.text(body));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).at("/error/message").asString()).contains("context");
        assertThat(gateway.sim().stats().count()).as("refused before anything went upstream").isZero();
    }

    @Test
    void withoutAContextWindowKnownToJunctionTheUpstreamsContextErrorComesBack() {
        ObjectNode body = conversation("acme/small-unlisted");
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", Json.text(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Json.parse(response.body()).at("/error/message").asString())
                .contains("maximum context length is 8192 tokens");
        assertThat(sentContents()).hasSize(TURNS + 2);
    }

    @Test
    void aLargeEndpointGetsThePromptWholeAndExplicitMiddleOutOnlyActsWhenNeeded() {
        ObjectNode body = conversation("acme/large");
        body.putArray("transforms").add("middle-out");
        HttpResponse<String> response = gateway.post("/api/v1/chat/completions", Json.text(body));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sentContents()).hasSize(TURNS + 2);
        assertThat(response.headers().firstValue("X-Junction-Middle-Out")).isEmpty();
    }
}
