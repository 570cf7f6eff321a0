package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Anthropic Messages protocol: {@code POST /v1/messages}, whole and streamed, errors and request checks. */
class AnthropicMessagesTest {
    private SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    /** One SSE event as Anthropic frames it. */
    record Event(String name, JsonNode data) {
        String type() {
            return data.path("type").asString("");
        }
    }

    private HttpResponse<String> post(String json) throws Exception {
        return post(json, "sk-ant-sim");
    }

    private HttpResponse<String> post(String json, String key) throws Exception {
        HttpRequest.Builder request = h.request("/v1/messages").header("anthropic-version", "2023-06-01");
        if (key != null) {
            request.header("x-api-key", key);
        }
        return h.http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String request(String sim, boolean stream) {
        return """
                {"model":"claude-sim","max_tokens":1024,"stream":%s,
                 "system":"Be brief.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"hello there"}]}],"sim":%s}"""
                .formatted(stream, sim);
    }

    /** Splits an Anthropic stream into its events, asserting the framing: {@code event: <type>\ndata: <json>\n\n}. */
    private static List<Event> events(String body) {
        assertThat(body).endsWith("\n\n");
        List<Event> events = new ArrayList<>();
        for (String frame : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            String[] lines = frame.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            Event event = new Event(lines[0].substring(7), SimHarness.json(lines[1].substring(6)));
            assertThat(event.type()).as("the event name repeats the data's type").isEqualTo(event.name());
            events.add(event);
        }
        return events;
    }

    private static String deltas(List<Event> events, String field) {
        return events.stream().filter(e -> e.type().equals("content_block_delta"))
                .map(e -> e.data().path("delta").path(field)).filter(JsonNode::isString).map(JsonNode::stringValue)
                .collect(Collectors.joining());
    }

    @Test
    void answersAWholeMessageWithCacheUsageSplitTheAnthropicWay() throws Exception {
        HttpResponse<String> response = post(request("{\"reply\":\"Hi!\",\"cached_tokens\":1,\"cache_write_tokens\":1}",
                false));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = SimHarness.json(response.body());
        assertThat(message.path("id").stringValue()).startsWith("msg_01");
        assertThat(message.path("type").stringValue()).isEqualTo("message");
        assertThat(message.path("model").stringValue()).isEqualTo("claude-sim");
        assertThat(message.path("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"Hi!\"}]");
        assertThat(message.path("stop_reason").stringValue()).isEqualTo("end_turn");
        assertThat(message.get("stop_sequence").isNull()).isTrue();
        JsonNode usage = message.path("usage");
        // prompt: "Be brief." + "hello there" = 4 words, of which 1 read from and 1 written to the cache
        assertThat(usage.path("input_tokens").intValue()).isEqualTo(2);
        assertThat(usage.path("cache_read_input_tokens").intValue()).isEqualTo(1);
        assertThat(usage.path("cache_creation_input_tokens").intValue()).isEqualTo(1);
        assertThat(usage.path("output_tokens").intValue()).isEqualTo(1);
        SimRequestRecord record = h.awaitLastClosed();
        assertThat(record.path()).isEqualTo("/v1/messages");
        assertThat(record.model()).isEqualTo("claude-sim");
        assertThat(record.headers()).containsEntry("x-api-key", "***");
    }

    @Test
    void streamsEventsInAnthropicsOrderWithDeltasThatConcatenateToTheReply() throws Exception {
        HttpResponse<String> response = post(request("{\"reply\":\"one two three\"}", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<Event> events = events(response.body());
        assertThat(events).extracting(Event::type).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        JsonNode start = events.getFirst().data().path("message");
        assertThat(start.path("content").isEmpty()).isTrue();
        assertThat(start.path("usage").path("input_tokens").intValue()).isEqualTo(4);
        assertThat(start.path("usage").path("output_tokens").intValue()).isEqualTo(1);
        assertThat(deltas(events, "text")).isEqualTo("one two three");
        JsonNode delta = events.get(7).data();
        assertThat(delta.path("delta").path("stop_reason").stringValue()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("output_tokens").intValue()).isEqualTo(3);
    }

    @Test
    void streamsSignedThinkingRedactedThinkingAndToolUsesWithArgumentFragments() throws Exception {
        HttpResponse<String> response = post(request("""
                {"reasoning":"think hard","redacted_reasoning":"opaque==",
                 "tool_calls":[{"name":"get_weather","arguments":{"location":"Paris, France"}},{"name":"now"}]}""", true));

        List<Event> events = events(response.body());
        List<JsonNode> starts = events.stream().filter(e -> e.type().equals("content_block_start"))
                .map(e -> e.data().path("content_block")).toList();
        assertThat(starts).extracting(b -> b.path("type").stringValue())
                .containsExactly("thinking", "redacted_thinking", "tool_use", "tool_use");
        assertThat(events.stream().filter(e -> e.type().equals("content_block_start"))
                .map(e -> e.data().path("index").intValue())).containsExactly(0, 1, 2, 3);
        assertThat(starts.get(1).path("data").stringValue()).isEqualTo("opaque==");
        assertThat(deltas(events, "thinking")).isEqualTo("think hard");
        String signature = deltas(events, "signature");
        assertThat(signature).startsWith("Sim").hasSizeGreaterThan(20);

        String firstArguments = events.stream().filter(e -> e.type().equals("content_block_delta")
                        && e.data().path("index").intValue() == 2)
                .map(e -> e.data().path("delta").path("partial_json").stringValue()).collect(Collectors.joining());
        assertThat(SimHarness.json(firstArguments)).isEqualTo(SimHarness.json("{\"location\":\"Paris, France\"}"));
        assertThat(starts.get(2).path("id").stringValue()).startsWith("toolu_01");
        assertThat(events.get(events.size() - 2).data().path("delta").path("stop_reason").stringValue())
                .isEqualTo("tool_use");

        // The whole message carries the same signature for the same thinking: it can be checked when sent back.
        JsonNode whole = SimHarness.json(post(request("{\"reasoning\":\"think hard\"}", false)).body());
        assertThat(whole.path("content").get(0).path("signature").stringValue()).isEqualTo(signature);
    }

    @Test
    void thinkingSentBackMustKeepItsSignature() throws Exception {
        String turn = """
                {"model":"claude-sim","max_tokens":100,"messages":[
                 {"role":"user","content":"q"},
                 {"role":"assistant","content":[{"type":"thinking","thinking":"think hard","signature":"%s"},
                   {"type":"text","text":"a"}]},
                 {"role":"user","content":"next"}]}""";
        String signature = SimHarness.json(post(request("{\"reasoning\":\"think hard\"}", false)).body())
                .path("content").get(0).path("signature").stringValue();

        assertThat(post(turn.formatted(signature)).statusCode()).isEqualTo(200);
        HttpResponse<String> altered = post(turn.formatted("Sim" + signature.substring(4)));
        assertThat(altered.statusCode()).isEqualTo(400);
        assertThat(SimHarness.json(altered.body()).path("error").path("message").stringValue())
                .isEqualTo("messages.1.content.0: Invalid `signature` in `thinking` block");
    }

    @Test
    void toolResultsMustAnswerThePreviousTurnAndGetATextAnswer() throws Exception {
        String turn = """
                {"model":"claude-sim","max_tokens":100,"messages":[
                 {"role":"user","content":"weather?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"%s","content":"18 degrees"}]}],
                 "sim":{"tool_calls":[{"name":"get_weather"}]}}""";

        JsonNode answer = SimHarness.json(post(turn.formatted("toolu_01A")).body());
        assertThat(answer.path("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"18 degrees\"}]");
        assertThat(answer.path("stop_reason").stringValue()).isEqualTo("end_turn");

        HttpResponse<String> orphan = post(turn.formatted("toolu_01B"));
        assertThat(orphan.statusCode()).isEqualTo(400);
        assertThat(SimHarness.json(orphan.body()).path("error").path("message").stringValue())
                .startsWith("messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01B.");
    }

    @Test
    void maxTokensCutsTheReply() throws Exception {
        JsonNode message = SimHarness.json(post("""
                {"model":"claude-sim","max_tokens":2,"messages":[{"role":"user","content":"a b c d"}]}""").body());

        assertThat(message.path("content").get(0).path("text").stringValue()).isEqualTo("a b");
        assertThat(message.path("stop_reason").stringValue()).isEqualTo("max_tokens");
    }

    @Test
    void scriptedStatusesUseAnthropicsErrorTypes() throws Exception {
        HttpResponse<String> overloaded = post(request("{\"status\":529}", true));
        assertThat(overloaded.statusCode()).isEqualTo(529);
        JsonNode body = SimHarness.json(overloaded.body());
        assertThat(body.path("type").stringValue()).isEqualTo("error");
        assertThat(body.path("error").toString()).isEqualTo("{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}");
        assertThat(body.path("request_id").stringValue()).startsWith("req_");

        HttpResponse<String> limited = post(request("{\"status\":429,\"retry_after\":\"12\"}", false));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("12");
        assertThat(SimHarness.json(limited.body()).path("error").path("type").stringValue()).isEqualTo("rate_limit_error");

        for (int status : new int[] {400, 401, 403, 404, 413, 500}) {
            String type = SimHarness.json(post(request("{\"status\":" + status + "}", false)).body())
                    .path("error").path("type").stringValue();
            assertThat(type).as("status %d", status).isEqualTo(switch (status) {
                case 400 -> "invalid_request_error";
                case 401 -> "authentication_error";
                case 403 -> "permission_error";
                case 404 -> "not_found_error";
                case 413 -> "request_too_large";
                default -> "api_error";
            });
        }
    }

    @Test
    void aMidStreamFailureSendsAnOverloadedErrorEvent() throws Exception {
        HttpResponse<String> response = post(request(
                "{\"reply\":\"a b c d\",\"fail_after_chunks\":2,\"fail_mode\":\"error_event\"}", true));

        assertThat(response.statusCode()).isEqualTo(200);
        List<Event> events = events(response.body());
        assertThat(deltas(events, "text")).isEqualTo("a b");
        Event last = events.getLast();
        assertThat(last.name()).isEqualTo("error");
        assertThat(last.data().toString())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertThat(h.awaitLastClosed().failed()).isTrue();
    }

    @Test
    void rejectsWhatAnthropicRejects() throws Exception {
        h.close();
        h = SimHarness.start(SimOptions.builder().requiredApiKey("sk-ant-sim").build());
        record Case(String body, String key, int status, String message) {
        }
        for (Case c : List.of(
                new Case(request("{}", false), null, 401, "x-api-key header is required"),
                new Case(request("{}", false), "sk-wrong", 401, "invalid x-api-key"),
                new Case("{\"model\":\"m\",\"messages\":[]}", "sk-ant-sim", 400, "max_tokens: Field required (an integer >= 1)"),
                new Case("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"frequency_penalty\":1}", "sk-ant-sim", 400,
                        "frequency_penalty: Extra inputs are not permitted"),
                new Case("{\"max_tokens\":5,\"messages\":[]}", "sk-ant-sim", 400, "model: Field required"))) {
            HttpResponse<String> response = post(c.body(), c.key());
            assertThat(response.statusCode()).as(c.message()).isEqualTo(c.status());
            assertThat(SimHarness.json(response.body()).path("error").path("message").stringValue()).isEqualTo(c.message());
        }
        HttpResponse<String> noVersion = h.http.send(h.request("/v1/messages").header("x-api-key", "sk-ant-sim")
                .POST(HttpRequest.BodyPublishers.ofString(request("{}", false))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(SimHarness.json(noVersion.body()).path("error").path("message").stringValue())
                .isEqualTo("anthropic-version: header is required");
        assertThat(h.sim.stats().requests()).filteredOn(r -> r.status() == 401)
                .allSatisfy(r -> assertThat(r.authorized()).isFalse());
    }

    @Test
    void replaysARecordedStreamByteForByte() throws Exception {
        String recorded = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_01Rec","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: ping
                data: {"type": "ping"}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
        var frames = List.of(recorded.split("(?<=\n\n)"));
        String script = SimScript.builder().raw(frames).build().toJson().toString();

        HttpResponse<String> response = post(request(script, true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(response.body()).isEqualTo(recorded);
    }
}
