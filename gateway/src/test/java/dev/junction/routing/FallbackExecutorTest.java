package dev.junction.routing;

import dev.junction.accounting.TokenUsage;
import dev.junction.catalog.Catalog;
import dev.junction.catalog.Model;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.providers.AbortSignal;
import dev.junction.wire.ApiKind;
import dev.junction.providers.StreamListener;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamRequest;
import dev.junction.testing.MutableClock;
import dev.junction.testing.ScriptedProvider;
import dev.junction.testing.ScriptedProvider.Chunk;
import dev.junction.testing.ScriptedProvider.End;
import dev.junction.testing.ScriptedProvider.Fails;
import dev.junction.testing.ScriptedProvider.Streams;
import dev.junction.testing.ScriptedProvider.Throws;
import dev.junction.testing.ScriptedProvider.Usage;
import dev.junction.testing.ScriptedProvider.Whole;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fallback loop with scripted upstreams: which attempt commits, which failures move on and which stop,
 * what the failures list says, and what a stream holds until its consumer starts.
 */
class FallbackExecutorTest {
    private static final String CONFIG = """
            catalog: {bundled: false}
            providers:
              first:  {name: First,  base-url: "http://127.0.0.1:1/v1"}
              second: {name: Second, base-url: "http://127.0.0.1:2/v1"}
            models:
              test/m:
                endpoints:
                  - {provider: first,  upstream-model: a}
                  - {provider: second, upstream-model: b}
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final JunctionConfig config = new ConfigLoader(Map.of()).parse(CONFIG, "fallback test");
    private final Model model = Catalog.from(config).model("test/m").orElseThrow();
    private final RoutePlan plan = new RoutePlan(model.routableEndpoints().stream().map(e -> new Attempt(model, e)).toList());
    private final EndpointHealth health = new EndpointHealth(clock, config.routing());
    private final FallbackExecutor executor = new FallbackExecutor(health);
    private final ScriptedProvider first = new ScriptedProvider("First");
    private final ScriptedProvider second = new ScriptedProvider("Second");

    private ScriptedProvider provider(Attempt attempt) {
        return attempt.endpoint().provider().id().equals("first") ? first : second;
    }

    private UpstreamRequest request(Attempt attempt) {
        return new UpstreamRequest(attempt.endpoint(), ApiKind.CHAT, Json.object(), false, new AbortSignal());
    }

    private Future<Committed<UpstreamCompletion>> complete() {
        return executor.complete(plan, a -> provider(a).complete(request(a)));
    }

    private static UpstreamFailure failure(UpstreamFailure.Kind kind, String provider, int status) {
        return ScriptedProvider.failure(kind, provider, status, provider + " failed with " + status);
    }

    @Test
    void theFirstAttemptThatAnswersCommitsAndTheRestAreNotCalled() {
        first.then(new Whole("hi", Optional.empty()));

        Committed<UpstreamCompletion> committed = complete().await();

        assertThat(committed.attempt().endpoint().providerName()).isEqualTo("First");
        assertThat(committed.earlierFailures()).isEmpty();
        assertThat(second.calls()).isZero();
    }

    @Test
    void aProviderFailureMovesOnAndIsListedWithTheAttemptThatServed() {
        first.then(new Fails(failure(UpstreamFailure.Kind.HTTP_STATUS, "First", 503)));
        second.then(new Whole("hi", Optional.empty()));

        Committed<UpstreamCompletion> committed = complete().await();

        assertThat(committed.attempt().endpoint().providerName()).isEqualTo("Second");
        assertThat(committed.earlierFailures()).singleElement().satisfies(f -> {
            assertThat(f.attempt().endpoint().providerName()).isEqualTo("First");
            assertThat(f.failure().status()).isEqualTo(503);
        });
        assertThat(health.lastFailureAt(plan.attempts().getFirst().endpoint())).isPositive();
    }

    @Test
    void theCallersOwnMistakeStopsThePlan() {
        first.then(new Fails(failure(UpstreamFailure.Kind.HTTP_STATUS, "First", 400)));

        Future<Committed<UpstreamCompletion>> result = complete();

        assertThat(result.failed()).isTrue();
        assertThat(result.cause()).isInstanceOfSatisfying(AllAttemptsFailedException.class,
                e -> assertThat(e.failures()).hasSize(1));
        assertThat(second.calls()).isZero();
    }

    @Test
    void whenEveryAttemptFailsTheFailuresComeBackInOrder() {
        first.then(new Fails(failure(UpstreamFailure.Kind.CONNECT, "First", 0)));
        second.then(new Fails(failure(UpstreamFailure.Kind.TIMEOUT, "Second", 0)));

        Future<Committed<UpstreamCompletion>> result = complete();

        assertThat(result.cause()).isInstanceOfSatisfying(AllAttemptsFailedException.class, e -> {
            assertThat(e.failures()).extracting(f -> f.failure().kind())
                    .containsExactly(UpstreamFailure.Kind.CONNECT, UpstreamFailure.Kind.TIMEOUT);
            assertThat(e.last().failure().providerName()).isEqualTo("Second");
        });
    }

    @Test
    void aCallThatThrowsFailsThePlanWithTheBugNotAFallback() {
        IllegalStateException bug = new IllegalStateException("translator bug");
        first.then(new Throws(bug));

        Future<Committed<UpstreamCompletion>> result = complete();

        assertThat(result.cause()).isSameAs(bug);
        assertThat(second.calls()).isZero();
    }

    @Test
    void aStreamCommitsAtItsFirstEventAndReplaysWhatCameBeforeInOrder() {
        first.then(new Fails(failure(UpstreamFailure.Kind.HTTP_STATUS, "First", 529)));
        second.then(new Streams(List.of(new Usage(new TokenUsage(3, 0, 0, 0, 0, false)), new Chunk("a"), new Chunk("b"),
                new End())));

        Committed<CommittedStream> committed = executor.stream(plan, a -> provider(a).stream(request(a))).await();
        List<String> events = new ArrayList<>();
        committed.value().start(new StreamListener() {
            @Override
            public void onChunk(ObjectNode chunk) {
                events.add("chunk " + chunk.get("choices").get(0).get("delta").get("content").asString());
            }

            @Override
            public void onUsage(TokenUsage usage) {
                events.add("usage " + usage.promptTokens());
            }

            @Override
            public void onEnd() {
                events.add("end");
            }

            @Override
            public void onError(UpstreamFailure failure) {
                events.add("error");
            }
        });

        assertThat(committed.attempt().endpoint().providerName()).isEqualTo("Second");
        assertThat(committed.earlierFailures()).hasSize(1);
        assertThat(events).containsExactly("usage 3", "chunk a", "chunk b", "end");
    }

    @Test
    void aStreamThatFailsBeforeItsFirstEventFallsThrough() {
        first.then(new Streams(List.of(new ScriptedProvider.Error(failure(UpstreamFailure.Kind.STREAM_ERROR, "First", 0)))));
        second.then(new Streams(List.of(new End())));

        Committed<CommittedStream> committed = executor.stream(plan, a -> provider(a).stream(request(a))).await();

        assertThat(committed.attempt().endpoint().providerName()).isEqualTo("Second");
        assertThat(committed.earlierFailures()).extracting(f -> f.failure().kind())
                .containsExactly(UpstreamFailure.Kind.STREAM_ERROR);
    }
}
