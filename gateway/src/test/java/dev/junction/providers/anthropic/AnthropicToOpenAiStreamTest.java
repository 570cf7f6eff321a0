package dev.junction.providers.anthropic;

import dev.junction.accounting.TokenUsage;
import dev.junction.wire.ApiKind;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamFailure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream translator on its own: events in, listener calls out, no I/O. */
class AnthropicToOpenAiStreamTest {

    /** Records every callback in order. */
    private static final class Recorder implements StreamListener {
        final List<ObjectNode> chunks = new ArrayList<>();
        final List<TokenUsage> usages = new ArrayList<>();
        final List<UpstreamFailure> failures = new ArrayList<>();
        int ends;

        @Override
        public void onChunk(ObjectNode chunk) {
            chunks.add(chunk);
        }

        @Override
        public void onUsage(TokenUsage usage) {
            usages.add(usage);
        }

        @Override
        public void onEnd() {
            ends++;
        }

        @Override
        public void onError(UpstreamFailure failure) {
            failures.add(failure);
        }
    }

    private final Recorder out = new Recorder();
    private final AnthropicToOpenAiStream stream =
            new AnthropicToOpenAiStream(new ClientShape(ApiKind.CHAT, true), "Anthropic", out);

    private void send(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        stream.event("message", bytes, bytes.length);
    }

    private void start() {
        send("""
                {"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":1}}}""");
    }

    @Test
    void messageStartReportsInputUsageButMakesNoChunk() {
        start();

        assertThat(out.chunks).isEmpty();
        assertThat(out.usages).containsExactly(new TokenUsage(15, 1, 5, 0, 0, false));
    }

    @Test
    void pingsAndUnknownEventsAreIgnoredAndNothingFollowsMessageStop() {
        start();
        send("{\"type\":\"ping\"}");
        send("{\"type\":\"some_future_event\",\"x\":1}");
        send("{\"type\":\"content_block_delta\",\"index\":7,\"delta\":{\"type\":\"citations_delta\"}}");
        send("{\"type\":\"message_stop\"}");
        send("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"late\"}}");

        assertThat(out.chunks).isEmpty();
        assertThat(out.ends).isEqualTo(1);
        assertThat(stream.done()).isTrue();
    }

    @Test
    void aFailureAfterTextBillsTheStreamedOutputAsAnEstimate() {
        start();
        send("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        send("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"sixteen chars..\"}}");
        send("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");

        assertThat(out.chunks).hasSize(1);
        assertThat(out.usages.getLast()).isEqualTo(new TokenUsage(15, 4, 5, 0, 0, true));
        assertThat(out.failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.STREAM_ERROR);
            assertThat(f.message()).isEqualTo("Anthropic reported an error mid-stream: overloaded_error: Overloaded");
            assertThat(f.upstreamBody()).hasValueSatisfying(b -> assertThat(b).contains("overloaded_error"));
        });
    }

    @Test
    void anEventThatIsNotJsonIsAProtocolFailure() {
        start();
        send("{not json");

        assertThat(out.failures).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.PROTOCOL));
    }

    @Test
    void aBodyEndingBeforeMessageStopIsAFailureNotAnEnd() {
        start();
        stream.bodyEnded();

        assertThat(out.ends).isZero();
        assertThat(out.failures).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("Anthropic closed the stream before message_stop"));
    }
}
