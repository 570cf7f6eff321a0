package dev.junction.providers;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** However the network splits a stream into reads, the decoder sees the same events. */
class SseDecoderSplitTest {
    private static final String STREAM = ": OPENROUTER PROCESSING\n\n"
            + "data: {\"a\":1}\r\n\r\n"
            + "event: message_start\ndata: first\ndata: second\n\n"
            + "data:no-space\r\rdata: é ü 漢\n\n"
            + "id: 7\nretry: 10\ndata: [DONE]\n\n"
            + "data: last without blank line";

    @Test
    void everyTwoWaySplitDecodesLikeOneRead() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        List<String> whole = decode(bytes, bytes.length);
        assertThat(whole).containsExactly("message {\"a\":1}", "message_start first\nsecond", "message no-space",
                "message é ü 漢", "message [DONE]", "message last without blank line");
        for (int split = 0; split <= bytes.length; split++) {
            assertThat(decode(bytes, split)).as("split at %d", split).isEqualTo(whole);
        }
    }

    @Test
    void byteByByteDecodesLikeOneRead() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder((event, data) -> events.add(event + " " + new String(data, StandardCharsets.UTF_8)));
        for (byte b : bytes) {
            decoder.feed(new byte[] {b});
        }
        decoder.finish();
        assertThat(events).isEqualTo(decode(bytes, bytes.length));
    }

    @Test
    void rangeHandlerSeesTheDataInPlaceAndAnOffsetFeedIsHonoured() {
        byte[] padded = ("XXXX" + "data: {\"b\":2}\n\n" + "YYYY").getBytes(StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder((String event, byte[] data, int length) ->
                events.add(new String(data, 0, length, StandardCharsets.UTF_8)));
        decoder.feed(padded, 4, padded.length - 8);
        assertThat(events).containsExactly("{\"b\":2}");
    }

    private static List<String> decode(byte[] bytes, int split) {
        List<String> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder((event, data) -> events.add(event + " " + new String(data, StandardCharsets.UTF_8)));
        decoder.feed(bytes, 0, split);
        decoder.feed(bytes, split, bytes.length - split);
        decoder.finish();
        return events;
    }
}
