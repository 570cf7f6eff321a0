package dev.junction.providers;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseDecoderTest {
    private final List<String> events = new ArrayList<>();
    private final SseDecoder decoder = new SseDecoder((event, data) ->
            events.add(event + "|" + new String(data, StandardCharsets.UTF_8)));

    private void feed(String text) {
        decoder.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesEventsSeparatedByBlankLines() {
        feed("data: {\"a\":1}\n\ndata: [DONE]\n\n");
        assertThat(events).containsExactly("message|{\"a\":1}", "message|[DONE]");
    }

    @Test
    void acceptsCrLfAndLoneCrLineEndings() {
        feed("data: one\r\n\r\ndata: two\r\rdata: three\n\n");
        assertThat(events).containsExactly("message|one", "message|two", "message|three");
    }

    @Test
    void crLfSplitAcrossReadsIsOneLineEnding() {
        feed("data: one\r");
        feed("\n\r");
        feed("\ndata: two\n\n");
        assertThat(events).containsExactly("message|one", "message|two");
    }

    @Test
    void ignoresCommentsAndKeepsEventNames() {
        feed(": OPENROUTER PROCESSING\n\nevent: message_start\ndata: {}\n\n");
        assertThat(events).containsExactly("message_start|{}");
    }

    @Test
    void joinsMultiLineDataWithNewlines() {
        feed("data: first\ndata: second\n\n");
        assertThat(events).containsExactly("message|first\nsecond");
    }

    @Test
    void valueWithoutSpaceAfterColonIsKept() {
        feed("data:{\"x\":true}\n\n");
        assertThat(events).containsExactly("message|{\"x\":true}");
    }

    @Test
    void utf8SequenceSplitAcrossReadsSurvives() {
        byte[] bytes = "data: é€😀\n\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            decoder.feed(new byte[] {b});
        }
        assertThat(events).containsExactly("message|é€😀");
    }

    @Test
    void finishDeliversALastEventWithoutItsBlankLine() {
        feed("data: {\"last\":true}");
        assertThat(events).isEmpty();
        decoder.finish();
        assertThat(events).containsExactly("message|{\"last\":true}");
    }

    @Test
    void eventWithoutDataIsNotDispatched() {
        feed("event: ping\n\n");
        decoder.finish();
        assertThat(events).isEmpty();
    }
}
