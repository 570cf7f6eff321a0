package dev.junction.providers.openai;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThinkTagSplitterTest {
    /** Feeds the pieces, then finishes; returns {reasoning, content}. */
    private static List<String> split(String... pieces) {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (String piece : pieces) {
            ThinkTagSplitter.Split s = splitter.next(piece);
            reasoning.append(s.reasoning());
            content.append(s.content());
        }
        ThinkTagSplitter.Split rest = splitter.finish();
        return List.of(reasoning.append(rest.reasoning()).toString(), content.append(rest.content()).toString());
    }

    @Test
    void aLeadingThinkBlockIsReasoningAndTheWhitespaceAfterItIsDropped() {
        assertThat(split("<think>Let me see.</think>\n\nThe answer is 4.")).containsExactly("Let me see.", "The answer is 4.");
    }

    @Test
    void tagsCutAcrossPiecesAreFound() {
        assertThat(split("\n<th", "ink>Let", " me</th", "ink>", "\n", "\nDone", " here")).containsExactly("Let me", "Done here");
    }

    @Test
    void contentThatDoesNotOpenWithTheTagIsContentThroughout() {
        assertThat(split("Use <think> tags", " like </think> this")).containsExactly("", "Use <think> tags like </think> this");
    }

    @Test
    void anUnclosedBlockIsAllReasoningAndAHeldBackPrefixComesOutAtTheEnd() {
        assertThat(split("<think>still thinking </thi")).containsExactly("still thinking </thi", "");
        assertThat(split("<thi")).containsExactly("", "<thi");
    }

    @Test
    void piecesAfterTheBlockArePassedOnAsTheyCome() {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        assertThat(splitter.next("<think>a</think>")).isEqualTo(new ThinkTagSplitter.Split("a", ""));
        assertThat(splitter.next(" b")).isEqualTo(new ThinkTagSplitter.Split("", "b"));
        assertThat(splitter.next(" c")).isEqualTo(new ThinkTagSplitter.Split("", " c"));
    }
}
