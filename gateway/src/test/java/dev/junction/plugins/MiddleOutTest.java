package dev.junction.plugins;

import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What middle-out keeps of a prompt too long for its budget. */
class MiddleOutTest {

    private static String words(int n) {
        return "word ".repeat(n).strip();
    }

    private static List<String> roles(ObjectNode body) {
        List<String> roles = new ArrayList<>();
        body.get("messages").forEach(m -> roles.add(m.get("role").asString()));
        return roles;
    }

    @Test
    void aPromptThatFitsIsLeftAlone() {
        ObjectNode body = Json.object();
        body.putArray("messages").addObject().put("role", "user").put("content", "hi");
        assertThat(MiddleOut.fit(body, 100)).isEmpty();
    }

    @Test
    void toolResultsGoWithTheCallThatAskedForThem() {
        ObjectNode body = Json.object();
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "sys");
        messages.addObject().put("role", "user").put("content", words(500));
        ObjectNode call = messages.addObject().put("role", "assistant");
        call.putNull("content");
        call.putArray("tool_calls").addObject().put("id", "c1").put("type", "function")
                .putObject("function").put("name", "f").put("arguments", "{}");
        messages.addObject().put("role", "tool").put("tool_call_id", "c1").put("content", words(500));
        messages.addObject().put("role", "assistant").put("content", words(500));
        messages.addObject().put("role", "user").put("content", "and now?");

        MiddleOut.Result result = MiddleOut.fit(body, 700).orElseThrow();
        assertThat(roles(result.body())).doesNotContain("tool").doesNotContainSubsequence("assistant", "tool");
        assertThat(roles(result.body()).getFirst()).isEqualTo("system");
        assertThat(result.body().get("messages").get(result.body().get("messages").size() - 1).get("content")
                .asString()).isEqualTo("and now?");
        assertThat(result.removed()).contains(2, 3);
        assertThat(result.tokensAfter()).isLessThanOrEqualTo(700);
        assertThat(body.get("messages")).as("the body given is not changed").hasSize(6);
    }

    @Test
    void whenDroppingIsNotEnoughTheLongestMessageLosesItsMiddle() {
        ObjectNode body = Json.object();
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "sys");
        messages.addObject().put("role", "user").put("content", "START " + words(3000) + " END");

        MiddleOut.Result result = MiddleOut.fit(body, 1000).orElseThrow();
        String kept = result.body().get("messages").get(1).get("content").asString();
        assertThat(kept).startsWith("START").endsWith("END").contains("[…]");
        assertThat(result.truncated()).containsExactly(1);
        assertThat(result.tokensAfter()).isLessThanOrEqualTo(1000);
        assertThat(result.describe()).isEqualTo("middle-out: removed 0 messages, truncated 1 #1; prompt "
                + result.tokensBefore() + " -> " + result.tokensAfter() + " tokens");
    }

    @Test
    void positionsAreGivenAsRanges() {
        assertThat(MiddleOut.ranges(List.of(3, 4, 5, 9, 11, 12))).isEqualTo("#3-5, #9, #11-12");
        JsonNode none = Json.object();
        assertThat(MiddleOut.fit((ObjectNode) none, 0)).isEmpty();
    }
}
