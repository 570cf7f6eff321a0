package dev.junction.routing;

import dev.junction.accounting.TokenUsage;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamStream;
import dev.junction.testing.ScriptedProvider;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commit point of a stream, driven by hand: the first event commits and pauses the upstream, events are
 * held until the consumer starts and then replayed in order, and a failure goes to the probe before the
 * commit point and to the consumer after it.
 */
class CommittedStreamTest {
    private final Upstream upstream = new Upstream();
    private final CommittedStream stream = new CommittedStream(upstream);
    private final List<String> probe = new ArrayList<>();
    private final List<String> consumer = new ArrayList<>();

    @Test
    void theFirstChunkCommitsPausesAndIsReplayedWithWhatFollowed() {
        stream.probe(() -> probe.add("committed"), f -> probe.add("early failure"));
        upstream.listener.onUsage(new TokenUsage(5, 0, 0, 0, 0, false));
        assertThat(probe).isEmpty(); // usage alone is not an answer
        upstream.listener.onChunk(ScriptedProvider.chunk("a"));
        assertThat(probe).containsExactly("committed");
        assertThat(upstream.paused).isTrue();
        upstream.listener.onChunk(ScriptedProvider.chunk("b"));

        stream.start(recorder());

        assertThat(consumer).containsExactly("usage 5", "chunk a", "chunk b");
        assertThat(upstream.paused).isFalse();
        upstream.listener.onEnd();
        assertThat(consumer).containsExactly("usage 5", "chunk a", "chunk b", "end");
    }

    @Test
    void anEmptyStreamCommitsAtItsEnd() {
        stream.probe(() -> probe.add("committed"), f -> probe.add("early failure"));
        upstream.listener.onEnd();

        stream.start(recorder());

        assertThat(probe).containsExactly("committed");
        assertThat(consumer).containsExactly("end");
    }

    @Test
    void aFailureBeforeTheFirstEventGoesToTheProbeOnly() {
        stream.probe(() -> probe.add("committed"), f -> probe.add("early failure: " + f.message()));
        upstream.listener.onError(ScriptedProvider.failure(UpstreamFailure.Kind.STREAM_ERROR, "P", 0, "reset"));

        assertThat(probe).containsExactly("early failure: reset");
    }

    @Test
    void aFailureAfterTheCommitPointGoesToTheConsumer() {
        stream.probe(() -> probe.add("committed"), f -> probe.add("early failure"));
        upstream.listener.onChunk(ScriptedProvider.chunk("a"));
        stream.start(recorder());

        upstream.listener.onError(ScriptedProvider.failure(UpstreamFailure.Kind.STREAM_ERROR, "P", 0, "reset"));

        assertThat(probe).containsExactly("committed");
        assertThat(consumer).containsExactly("chunk a", "error reset");
    }

    @Test
    void cancelReachesTheUpstream() {
        stream.probe(() -> { }, f -> { });
        stream.cancel();
        assertThat(upstream.cancelled).isTrue();
    }

    private StreamListener recorder() {
        return new StreamListener() {
            @Override
            public void onChunk(ObjectNode chunk) {
                consumer.add("chunk " + chunk.get("choices").get(0).get("delta").get("content").asString());
            }

            @Override
            public void onUsage(TokenUsage usage) {
                consumer.add("usage " + usage.promptTokens());
            }

            @Override
            public void onEnd() {
                consumer.add("end");
            }

            @Override
            public void onError(UpstreamFailure failure) {
                consumer.add("error " + failure.message());
            }
        };
    }

    /** An upstream the test drives event by event. */
    private static final class Upstream implements UpstreamStream {
        StreamListener listener;
        boolean paused;
        boolean cancelled;

        @Override
        public void start(StreamListener listener) {
            this.listener = listener;
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
