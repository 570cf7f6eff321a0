package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChatStreamTest {
    private final SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    private List<JsonNode> stream(String simScript, boolean includeUsage) throws Exception {
        HttpResponse<String> response = h.post("/v1/chat/completions", """
                {"model":"gpt-x","stream":true,%s
                 "messages":[{"role":"user","content":"ignored here"}],"sim":%s}"""
                .formatted(includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "", simScript));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        return SimHarness.sseJson(response.body());
    }

    private static String deltas(List<JsonNode> chunks, String field) {
        return chunks.stream()
                .filter(c -> !c.get("choices").isEmpty())
                .map(c -> c.get("choices").get(0).get("delta").path(field))
                .filter(JsonNode::isString)
                .map(JsonNode::stringValue)
                .collect(Collectors.joining());
    }

    @Test
    void streamsOneChunkPerWordThatConcatenateToTheReply() throws Exception {
        String reply = "  Hello,  world!\nHow are\tyou?  ";
        List<JsonNode> chunks = stream("{\"reply\":" + dev.junction.sim.engine.Json.MAPPER.writeValueAsString(reply)
                + "}", false);

        JsonNode first = chunks.getFirst();
        assertThat(first.propertyNames()).containsExactly("id", "object", "created", "model", "service_tier",
                "system_fingerprint", "choices");
        assertThat(first.get("choices").get(0).get("delta").toString())
                .isEqualTo("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}");
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("object").stringValue()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("id").stringValue()).isEqualTo(first.get("id").stringValue());
            assertThat(c.get("created").longValue()).isEqualTo(first.get("created").longValue());
            assertThat(c.get("model").stringValue()).isEqualTo("gpt-x");
            assertThat(c.get("system_fingerprint").stringValue()).isEqualTo("fp_sim");
            assertThat(c.has("usage")).as("no usage field without include_usage").isFalse();
        });
        assertThat(deltas(chunks, "content")).isEqualTo(reply);
        assertThat(chunks).hasSize(1 + 5 + 1); // role, five words, finish
        JsonNode last = chunks.getLast().get("choices").get(0);
        assertThat(last.get("delta").isEmpty()).isTrue();
        assertThat(last.get("finish_reason").stringValue()).isEqualTo("stop");
    }

    @Test
    void includeUsageAddsNullUsageToEveryChunkAndAFinalUsageChunk() throws Exception {
        List<JsonNode> chunks = stream("{\"reply\":\"a b c\",\"reasoning_tokens\":7}", true);

        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
        JsonNode usageChunk = chunks.getLast();
        assertThat(usageChunk.get("choices").isEmpty()).isTrue();
        assertThat(usageChunk.get("usage").get("prompt_tokens").intValue()).isEqualTo(2);
        assertThat(usageChunk.get("usage").get("completion_tokens").intValue()).isEqualTo(3 + 7);
        assertThat(usageChunk.get("usage").get("total_tokens").intValue()).isEqualTo(12);
        assertThat(usageChunk.get("usage").get("completion_tokens_details").get("reasoning_tokens").intValue())
                .isEqualTo(7);
    }

    @Test
    void usageFalseDropsUsageEvenWhenAskedFor() throws Exception {
        List<JsonNode> chunks = stream("{\"reply\":\"a b c\",\"usage\":false}", true);

        assertThat(chunks).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
        assertThat(chunks.getLast().get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("stop");
    }

    @Test
    void streamsReasoningBeforeContent() throws Exception {
        List<JsonNode> chunks = stream("{\"reasoning\":\"Let me think.\",\"reply\":\"Done.\"}", false);

        assertThat(deltas(chunks, "reasoning")).isEqualTo("Let me think.");
        assertThat(deltas(chunks, "content")).isEqualTo("Done.");
        assertThat(chunks.get(1).get("choices").get(0).get("delta").toString()).isEqualTo("{\"reasoning\":\"Let\"}");
    }

    @Test
    void streamsToolCallsTheOpenAiWay() throws Exception {
        String args = "{\"city\":\"Paris, France\",\"unit\":\"celsius\"}";
        List<JsonNode> chunks = stream("""
                {"tool_calls":[{"name":"get_weather","arguments":%s},{"name":"noop"}]}"""
                .formatted(SimHarness.json(args).toString()), true);

        List<JsonNode> toolDeltas = chunks.stream()
                .filter(c -> !c.get("choices").isEmpty())
                .map(c -> c.get("choices").get(0).get("delta"))
                .filter(d -> d.has("tool_calls"))
                .map(d -> d.get("tool_calls").get(0))
                .toList();
        JsonNode header = toolDeltas.getFirst();
        assertThat(header.get("index").intValue()).isZero();
        assertThat(header.get("id").stringValue()).startsWith("call_");
        assertThat(header.get("type").stringValue()).isEqualTo("function");
        assertThat(header.get("function").toString()).isEqualTo("{\"name\":\"get_weather\",\"arguments\":\"\"}");

        var fragments = toolDeltas.stream().filter(d -> d.get("index").intValue() == 0).skip(1).toList();
        assertThat(fragments).hasSizeGreaterThan(1).allSatisfy(d -> {
            assertThat(d.propertyNames()).containsExactly("index", "function");
            assertThat(d.get("function").propertyNames()).containsExactly("arguments");
        });
        assertThat(fragments.stream().map(d -> d.get("function").get("arguments").stringValue())
                .collect(Collectors.joining())).isEqualTo(args);

        var second = toolDeltas.stream().filter(d -> d.get("index").intValue() == 1).toList();
        assertThat(second.getFirst().get("function").get("name").stringValue()).isEqualTo("noop");
        assertThat(second.stream().skip(1).map(d -> d.get("function").get("arguments").stringValue())
                .collect(Collectors.joining())).isEqualTo("{}");

        assertThat(deltas(chunks, "content")).as("no content deltas beyond the role chunk's empty one").isEmpty();
        JsonNode finish = chunks.get(chunks.size() - 2).get("choices").get(0);
        assertThat(finish.get("finish_reason").stringValue()).isEqualTo("tool_calls");
    }

    @Test
    void padsContentChunksInAnIgnoredField() throws Exception {
        List<JsonNode> chunks = stream("{\"reply\":\"a b\",\"pad_bytes\":100}", false);

        assertThat(chunks.get(1).get("x_pad").stringValue()).hasSize(100);
        assertThat(chunks.get(2).get("x_pad").stringValue()).hasSize(100);
        assertThat(chunks.getFirst().has("x_pad")).isFalse();
        assertThat(chunks.getLast().has("x_pad")).isFalse();
        assertThat(deltas(chunks, "content")).isEqualTo("a b");
    }

    @Test
    void replyTokensGenerateNumberedTokensAndTheRecordCountsChunks() throws Exception {
        List<JsonNode> chunks = stream("{\"reply_tokens\":50}", true);

        assertThat(deltas(chunks, "content")).startsWith("tok0 tok1 tok2").endsWith(" tok49");
        assertThat(chunks.getLast().get("usage").get("completion_tokens").intValue()).isEqualTo(50);
        SimRequestRecord r = h.awaitLastClosed();
        assertThat(r.stream()).isTrue();
        assertThat(r.completed()).isTrue();
        assertThat(r.chunksSent()).isEqualTo(1 + 50 + 1 + 1 + 1); // role, tokens, finish, usage, [DONE]
    }

    @Test
    void pacesTokensAndDelaysTheFirstByte() throws Exception {
        long start = System.nanoTime();
        stream("{\"reply_tokens\":6,\"ttft_ms\":120,\"chunk_interval_ms\":20}", false);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        SimRequestRecord r = h.awaitLastClosed();
        assertThat(r.timeToFirstByte()).hasValueSatisfying(d -> assertThat(d.toMillis()).isGreaterThanOrEqualTo(120));
        assertThat(elapsedMs).isGreaterThanOrEqualTo(120 + 5 * 20);
        assertThat(r.closedAtNanos() - r.firstByteAtNanos()).isGreaterThanOrEqualTo(5 * 20 * 1_000_000L);
    }

    @Test
    void tokensPerSecondPacesTheStream() throws Exception {
        long start = System.nanoTime();
        stream("{\"reply_tokens\":11,\"tokens_per_second\":100}", false);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(100);
    }
}
