package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LegacyCompletionTest {
    private final SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void echoesThePromptAsATextCompletion() throws Exception {
        JsonNode body = SimHarness.json(h.post("/v1/completions",
                "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say this is a test\"}").body());

        assertThat(body.propertyNames()).containsExactly("id", "object", "created", "model", "system_fingerprint",
                "choices", "usage");
        assertThat(body.get("id").stringValue()).startsWith("cmpl-");
        assertThat(body.get("object").stringValue()).isEqualTo("text_completion");
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.propertyNames()).containsExactly("text", "index", "logprobs", "finish_reason");
        assertThat(choice.get("text").stringValue()).isEqualTo("Say this is a test");
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(body.get("usage").toString())
                .isEqualTo("{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}");
    }

    @Test
    void countsArrayPromptsAndIgnoresToolsAndReasoning() throws Exception {
        JsonNode body = SimHarness.json(h.post("/v1/completions", """
                {"model":"m","prompt":["one two","three"],
                 "sim":{"reply":"ok","reasoning":"hidden","tool_calls":[{"name":"f"}]}}""").body());

        assertThat(body.get("choices").get(0).get("text").stringValue()).isEqualTo("ok");
        assertThat(body.get("usage").get("prompt_tokens").intValue()).isEqualTo(3);
        assertThat(body.get("usage").get("completion_tokens").intValue()).isEqualTo(1);
    }

    @Test
    void streamsTextChunks() throws Exception {
        String raw = h.post("/v1/completions", """
                {"model":"m","prompt":"p","stream":true,"stream_options":{"include_usage":true},
                 "sim":{"reply":"a b c"}}""").body();
        List<JsonNode> chunks = SimHarness.sseJson(raw);

        assertThat(chunks).allSatisfy(c -> assertThat(c.get("object").stringValue()).isEqualTo("text_completion"));
        assertThat(chunks.stream().filter(c -> !c.get("choices").isEmpty())
                .map(c -> c.get("choices").get(0).get("text").stringValue())
                .collect(Collectors.joining())).isEqualTo("a b c");
        JsonNode finish = chunks.get(chunks.size() - 2).get("choices").get(0);
        assertThat(finish.get("text").stringValue()).isEmpty();
        assertThat(finish.get("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(chunks.getLast().get("choices").isEmpty()).isTrue();
        assertThat(chunks.getLast().get("usage").get("completion_tokens").intValue()).isEqualTo(3);
    }
}
