package dev.junction.providers.openai;

import dev.junction.accounting.TokenUsage;
import dev.junction.config.ReasoningDialect;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every reasoning field an upstream answers with, as OpenRouter's {@code reasoning} and {@code reasoning_details}. */
class OpenAiReasoningOutputTest {
    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text);
    }

    @Test
    void reasoningContentBecomesReasoningWithADetail() {
        ObjectNode body = json("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"4\",\"reasoning_content\":\"2+2\"}}]}");
        new OpenAiReasoningOutput(ReasoningDialect.VLLM, false).whole(body);
        assertThat(body.at("/choices/0/message")).isEqualTo(Json.parse("""
                {"role":"assistant","content":"4","reasoning":"2+2",
                 "reasoning_details":[{"type":"reasoning.text","text":"2+2","format":"unknown","index":0}]}"""));
    }

    @Test
    void theUpstreamsOwnDetailsAreKept() {
        ObjectNode body = json("""
                {"choices":[{"index":0,"message":{"content":"x","reasoning":"r",
                 "reasoning_details":[{"type":"reasoning.encrypted","data":"abc","format":"openai-responses-v1"}]}}]}""");
        ObjectNode before = body.deepCopy();
        new OpenAiReasoningOutput(ReasoningDialect.OPENROUTER, false).whole(body);
        assertThat(body).isEqualTo(before);
    }

    @Test
    void excludedReasoningIsRemovedAndAChunkLeftEmptyIsDropped() {
        OpenAiReasoningOutput output = new OpenAiReasoningOutput(ReasoningDialect.VLLM, true);
        ObjectNode reasoningOnly = json("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm\"},\"finish_reason\":null}]}");
        assertThat(output.chunk(reasoningOnly)).isFalse();
        ObjectNode role = json("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        assertThat(output.chunk(role)).isTrue();
        ObjectNode finish = json("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        assertThat(output.chunk(finish)).isTrue();
        assertThat(output.usage(new TokenUsage(5, 10, 0, 0, 0, false)).reasoningTokens())
                .as("excluded reasoning is still counted").isEqualTo(1);
    }

    @Test
    void streamedThinkTagsBecomeReasoningDeltas() {
        OpenAiReasoningOutput output = new OpenAiReasoningOutput(ReasoningDialect.THINK_TAGS, false);
        ObjectNode first = json("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<think>Let\"},\"finish_reason\":null}]}");
        assertThat(output.chunk(first)).isTrue();
        assertThat(first.at("/choices/0/delta")).isEqualTo(Json.parse(
                "{\"reasoning\":\"Let\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"Let\",\"format\":\"unknown\",\"index\":0}]}"));
        ObjectNode cut = json("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" me</thi\"},\"finish_reason\":null}]}");
        assertThat(output.chunk(cut)).isTrue();
        assertThat(cut.at("/choices/0/delta/reasoning").asString()).isEqualTo(" me");
        ObjectNode close = json("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"nk>\\n\\n\"},\"finish_reason\":null}]}");
        assertThat(output.chunk(close)).as("nothing left to say yet").isFalse();
        ObjectNode answer = json("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Four.\"},\"finish_reason\":\"stop\"}]}");
        assertThat(output.chunk(answer)).isTrue();
        assertThat(answer.at("/choices/0/delta")).isEqualTo(Json.parse("{\"content\":\"Four.\"}"));
    }

    @Test
    void reasoningTokensAreEstimatedOnlyWhenTheUpstreamDidNotCountThem() {
        OpenAiReasoningOutput output = new OpenAiReasoningOutput(ReasoningDialect.OPENROUTER, false);
        output.whole(json("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\",\"reasoning\":\"12345678\"}}]}"));
        assertThat(output.usage(new TokenUsage(5, 10, 0, 0, 0, false)).reasoningTokens()).isEqualTo(2);
        assertThat(output.usage(new TokenUsage(5, 10, 0, 0, 7, false)).reasoningTokens()).isEqualTo(7);
        assertThat(output.usage(new TokenUsage(5, 1, 0, 0, 0, false)).reasoningTokens())
                .as("never more than the completion").isEqualTo(1);
    }
}
