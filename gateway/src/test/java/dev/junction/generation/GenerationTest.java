package dev.junction.generation;

import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.Hold;
import dev.junction.accounting.LocalCreditLedger;
import dev.junction.money.Money;
import dev.junction.accounting.TokenUsage;
import dev.junction.catalog.Catalog;
import dev.junction.catalog.Model;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyKind;
import dev.junction.wire.ApiKind;
import dev.junction.providers.UpstreamFailure;
import dev.junction.routing.AllAttemptsFailedException;
import dev.junction.routing.Attempt;
import dev.junction.routing.EndpointHealth;
import dev.junction.routing.FallbackExecutor;
import dev.junction.routing.RoutePlan;
import dev.junction.store.Store;
import dev.junction.store.StoreTesting;
import dev.junction.testing.MutableClock;
import dev.junction.testing.ScriptedProvider;
import dev.junction.testing.ScriptedProvider.Chunk;
import dev.junction.testing.ScriptedProvider.End;
import dev.junction.testing.ScriptedProvider.Error;
import dev.junction.testing.ScriptedProvider.Fails;
import dev.junction.testing.ScriptedProvider.Hangs;
import dev.junction.testing.ScriptedProvider.Streams;
import dev.junction.testing.ScriptedProvider.Throws;
import dev.junction.testing.ScriptedProvider.Usage;
import dev.junction.testing.ScriptedProvider.Whole;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.RequestParser;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a generation can end, with a scripted upstream and the real in-memory ledger: exactly one record
 * (none when nothing was served), and the hold settled to exactly the cost of what was produced — or released
 * whole — so that the rest of the key's limit can be held again.
 */
class GenerationTest {
    private static final String CONFIG = """
            catalog: {bundled: false}
            providers:
              first:  {name: First,  base-url: "http://127.0.0.1:1/v1"}
              second: {name: Second, base-url: "http://127.0.0.1:2/v1"}
            models:
              test/m:
                endpoints:
                  - {provider: first,  upstream-model: a, pricing: {prompt: "0.000001", completion: "0.000002"}}
                  - {provider: second, upstream-model: b, pricing: {prompt: "0.000001", completion: "0.000002"}}
            """;
    private static final Money LIMIT = Money.ofUsd("1");
    private static final Money WORST_CASE = Money.ofUsd("0.01");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final JunctionConfig config = new ConfigLoader(Map.of()).parse(CONFIG, "generation test");
    private final Model model = Catalog.from(config).model("test/m").orElseThrow();
    private final ApiKey key = new ApiKey("key-hash", "default", "test", "sk-…", KeyKind.STANDARD, false,
            Optional.of(LIMIT), Optional.empty(), false, clock.instant(), Optional.empty(), Optional.empty());
    private final List<GenerationRecord> records = new ArrayList<>();
    private final ScriptedProvider first = new ScriptedProvider("First");
    private final ScriptedProvider second = new ScriptedProvider("Second");
    private Vertx vertx;
    private Store store;
    private LocalCreditLedger ledger;
    private Room room;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        store = StoreTesting.open(dataDir, clock);
        ledger = new LocalCreditLedger(vertx, store.usage(), clock, false);
        EndpointHealth health = new EndpointHealth(clock, config.routing());
        room = new Room(ledger, records::add, new FallbackExecutor(health), health,
                provider -> provider.id().equals("first") ? first : second, System::nanoTime,
                GenerationListener.NONE, Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await();
        store.close();
    }

    // ---- whole answers ----

    @Test
    void aServedAnswerIsRecordedOnceAndSettledToItsCost() {
        first.then(new Whole("hello", Optional.of(usage(10, 20))));
        Generation generation = generation(false);

        Answer answer = generation.complete().await();

        assertThat(answer.settlement().cost().total()).isEqualTo(cost(10, 20));
        assertThat(answer.identity().provider()).isEqualTo("First");
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.attempts()).extracting(GenerationRecord.ProviderAttempt::status).containsExactly(200);
            assertThat(r.cost().total()).isEqualTo(cost(10, 20));
        });
        assertThat(generation.done().succeeded()).isTrue();
        assertSettled(cost(10, 20));
    }

    @Test
    void aFallbackIsRecordedWithTheFailedAttemptAndWhyItFailed() {
        first.then(new Fails(ScriptedProvider.failure(UpstreamFailure.Kind.HTTP_STATUS, "First", 503, "First is overloaded")));
        second.then(new Whole("hello", Optional.of(usage(10, 20))));

        Answer answer = generation(false).complete().await();

        assertThat(answer.identity().provider()).isEqualTo("Second");
        GenerationRecord record = records.getFirst();
        assertThat(records).hasSize(1);
        assertThat(record.providerName()).isEqualTo("Second");
        assertThat(record.attempts()).hasSize(2);
        assertThat(record.attempts().get(0).status()).isEqualTo(502);
        assertThat(record.attempts().get(0).reason()).hasValue("First is overloaded");
        assertThat(record.attempts().get(1).status()).isEqualTo(200);
        assertSettled(cost(10, 20));
    }

    @Test
    void whenEveryAttemptFailsNothingIsRecordedAndTheHoldIsReleasedWhole() {
        first.then(new Fails(ScriptedProvider.failure(UpstreamFailure.Kind.HTTP_STATUS, "First", 503, "overloaded")));
        second.then(new Fails(ScriptedProvider.failure(UpstreamFailure.Kind.CONNECT, "Second", 0, "refused")));
        Generation generation = generation(false);

        Throwable failure = failureOf(generation.complete());

        assertThat(failure).isInstanceOf(AllAttemptsFailedException.class);
        assertThat(records).isEmpty();
        assertSettled(Money.ZERO);
    }

    @Test
    void aTimedOutAttemptFallsThroughAndIsRecordedAsA408() {
        first.then(new Fails(ScriptedProvider.failure(UpstreamFailure.Kind.TIMEOUT, "First", 0, "First did not answer in time")));
        second.then(new Whole("hello", Optional.of(usage(10, 20))));

        generation(false).complete().await();

        assertThat(records.getFirst().attempts()).extracting(GenerationRecord.ProviderAttempt::status).containsExactly(408, 200);
        assertSettled(cost(10, 20));
    }

    @Test
    void aClientLeavingBeforeTheAnswerAbortsTheCallAndIsBilledThePromptOnly() {
        first.then(new Hangs());
        Generation generation = generation(false);
        Future<Answer> answer = generation.complete();

        generation.cancel();

        assertThat(failureOf(answer)).isInstanceOf(AllAttemptsFailedException.class);
        assertThat(first.cancelled()).isTrue();
        assertThat(second.calls()).isZero();
        GenerationRecord record = records.getFirst();
        assertThat(records).hasSize(1);
        assertThat(record.cancelled()).isTrue();
        assertThat(record.attempts()).extracting(GenerationRecord.ProviderAttempt::status).containsExactly(499);
        assertThat(record.usage().promptTokens()).isPositive();
        assertThat(record.usage().completionTokens()).isZero();
        assertSettled(cost(record.usage().promptTokens(), 0));
    }

    @Test
    void aProviderThatCannotExpressTheRequestPassesItToTheNextAndSaysWhy() {
        first.then(new Fails(UpstreamFailure.unsupported("First", "First cannot express a recursive schema")));
        second.then(new Whole("hello", Optional.of(usage(10, 20))));

        generation(false).complete().await();

        GenerationRecord.ProviderAttempt skipped = records.getFirst().attempts().getFirst();
        assertThat(skipped.providerName()).isEqualTo("First");
        assertThat(skipped.status()).isEqualTo(400);
        assertThat(skipped.reason()).hasValue("First cannot express a recursive schema");
        assertSettled(cost(10, 20));
    }

    @Test
    void aTranslatorThatThrowsIsABugThatReleasesTheHold() {
        first.then(new Throws(new IllegalArgumentException("URLDecoder: Illegal hex characters")));
        Generation generation = generation(false);

        assertThat(failureOf(generation.complete())).isInstanceOf(IllegalArgumentException.class);
        assertThat(second.calls()).as("a bug is not an upstream failure: no fallback").isZero();
        assertThat(records).isEmpty();
        assertSettled(Money.ZERO);
    }

    // ---- streams ----

    @Test
    void aCompletedStreamIsRecordedOnceAndSettledToTheReportedUsage() {
        first.then(new Streams(List.of(new Chunk("hel"), new Chunk("lo"), new Usage(usage(10, 2)), new End())));
        Generation generation = generation(true);
        Client client = new Client();

        generation.stream(client).await();

        assertThat(client.text()).isEqualTo("hello");
        assertThat(client.ended).hasValueSatisfying(s -> assertThat(s.cost().total()).isEqualTo(cost(10, 2)));
        assertThat(records).singleElement().satisfies(r ->
                assertThat(r.attempts()).extracting(GenerationRecord.ProviderAttempt::status).containsExactly(200));
        assertThat(generation.done().succeeded()).isTrue();
        assertSettled(cost(10, 2));
    }

    @Test
    void aStreamThatFailsMidWayIsBilledAtLeastWhatItDelivered() {
        // The interim usage counts the prompt only (as Gemini's does); eight characters went out: two tokens.
        first.then(new Streams(List.of(new Usage(usage(10, 0)), new Chunk("abcdefgh"),
                new Error(ScriptedProvider.failure(UpstreamFailure.Kind.STREAM_ERROR, "First", 0, "connection reset")))));
        Generation generation = generation(true);
        Client client = new Client();

        generation.stream(client).await();

        assertThat(client.failed).hasValueSatisfying(s -> assertThat(s.usage().completionTokens()).isEqualTo(2));
        GenerationRecord record = records.getFirst();
        assertThat(records).hasSize(1);
        assertThat(record.finishReason()).hasValue("error");
        assertThat(record.attempts().getLast().status()).isEqualTo(502);
        assertThat(record.attempts().getLast().reason()).hasValue("connection reset");
        assertSettled(cost(10, 2));
    }

    @Test
    void aStreamThatTimesOutMidWayIsRecordedAsA408AndBilledWhatItDelivered() {
        first.then(new Streams(List.of(new Chunk("abcd"),
                new Error(ScriptedProvider.failure(UpstreamFailure.Kind.TIMEOUT, "First", 0, "idle for 30s")))));
        Generation generation = generation(true);

        generation.stream(new Client()).await();

        GenerationRecord record = records.getFirst();
        assertThat(record.attempts().getLast().status()).isEqualTo(408);
        assertThat(record.usage().completionTokens()).isEqualTo(1);
        assertSettled(record.cost().total());
        assertThat(record.cost().total()).isEqualTo(cost(record.usage().promptTokens(), 1));
    }

    @Test
    void aClientLeavingMidStreamStopsTheUpstreamAndIsBilledWhatWentOut() {
        first.then(new Streams(List.of(new Chunk("abcd"), new Chunk("efgh")))); // and then nothing: still generating
        Generation generation = generation(true);
        Client client = new Client();
        generation.stream(client).await();

        generation.cancel();

        assertThat(first.cancelled()).isTrue();
        assertThat(client.ended).isEmpty();
        assertThat(client.failed).isEmpty();
        GenerationRecord record = records.getFirst();
        assertThat(records).hasSize(1);
        assertThat(record.cancelled()).isTrue();
        assertThat(record.usage().completionTokens()).isEqualTo(2);
        assertThat(generation.done().succeeded()).isTrue();
        assertSettled(cost(record.usage().promptTokens(), 2));
    }

    @Test
    void aClientLeavingBeforeTheFirstTokenIsRecordedAsCancelled() {
        first.then(new Hangs());
        Generation generation = generation(true);
        Future<Void> committed = generation.stream(new Client());

        generation.cancel();

        assertThat(failureOf(committed)).isInstanceOf(AllAttemptsFailedException.class);
        assertThat(records).singleElement().satisfies(r -> assertThat(r.cancelled()).isTrue());
        assertSettled(records.getFirst().cost().total());
    }

    @Test
    void aWriterThatFailsEndsTheGenerationBilledForWhatTheUpstreamProduced() {
        first.then(new Streams(List.of(new Chunk("abcd"), new Chunk("efgh"), new End())));
        Generation generation = generation(true);
        Client client = new Client();
        client.failOnChunk = 2;

        generation.stream(client);

        assertThat(failureOf(generation.done())).isInstanceOf(IllegalStateException.class);
        assertThat(first.cancelled()).isTrue();
        GenerationRecord record = records.getFirst();
        assertThat(records).hasSize(1);
        assertThat(record.finishReason()).hasValue("error");
        assertThat(record.attempts().getLast().status()).isEqualTo(500);
        assertSettled(record.cost().total());
        assertThat(record.usage().completionTokens()).isEqualTo(2);
    }

    @Test
    void aBillThatCannotBeComputedEndsTheStreamAndReleasesTheHold() {
        // An upstream reporting absurd usage: the exact cost overflows.
        first.then(new Streams(List.of(new Chunk("abcd"),
                new Usage(new TokenUsage(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, 0, 0, 0, false)), new End())));
        Generation generation = generation(true);
        Client client = new Client();

        generation.stream(client);

        assertThat(failureOf(generation.done())).isInstanceOf(ArithmeticException.class);
        assertThat(client.ended).isEmpty();
        assertThat(records).isEmpty();
        assertSettled(Money.ZERO);
    }

    // ---- helpers ----

    private Generation generation(boolean stream) {
        String json = """
                {"model":"test/m","stream":%s,"messages":[{"role":"user","content":"hi there"}]}""".formatted(stream);
        ClientRequest request = new RequestParser(Optional.empty()).parse(json.getBytes(StandardCharsets.UTF_8), ApiKind.CHAT);
        RoutePlan plan = new RoutePlan(model.routableEndpoints().stream().map(e -> new Attempt(model, e)).toList());
        Hold hold = ledger.hold(key, WORST_CASE).await();
        return new Generation("gen-test", key, request, plan, hold, Origin.UNKNOWN, clock.instant(), room,
                new WebSearchStep(request, Optional.empty(), clock.instant()));
    }

    /**
     * The key has spent exactly {@code spent} and nothing is still held: the whole rest of its limit can be
     * held at once.
     */
    private void assertSettled(Money spent) {
        assertThat(ledger.spending(key).await().total()).isEqualTo(spent);
        Hold rest = ledger.hold(key, LIMIT.minus(spent)).await();
        ledger.release(rest);
    }

    private static TokenUsage usage(long prompt, long completion) {
        return new TokenUsage(prompt, completion, 0, 0, 0, false);
    }

    /** $1 per million prompt tokens, $2 per million completion tokens. */
    private static Money cost(long prompt, long completion) {
        return Money.ofPicos(prompt * 1_000_000L + completion * 2_000_000L);
    }

    private static Throwable failureOf(Future<?> future) {
        assertThat(future.failed()).as("failed: %s", future).isTrue();
        return future.cause();
    }

    /** The client's side of a stream, as the socket code would see it. */
    private static final class Client implements ClientStream {
        final List<String> chunks = new ArrayList<>();
        Optional<ResponseIdentity> identity = Optional.empty();
        Optional<Settlement> ended = Optional.empty();
        Optional<Settlement> failed = Optional.empty();
        int failOnChunk = -1;

        @Override
        public void committed(ResponseIdentity identity) {
            this.identity = Optional.of(identity);
        }

        @Override
        public void chunk(ObjectNode chunk) {
            if (chunks.size() + 1 == failOnChunk) {
                throw new IllegalStateException("the socket broke");
            }
            chunks.add(chunk.get("choices").get(0).get("delta").get("content").asString());
        }

        @Override
        public void ended(Settlement settlement) {
            ended = Optional.of(settlement);
        }

        @Override
        public void failed(UpstreamFailure failure, Settlement settlement) {
            failed = Optional.of(settlement);
        }

        String text() {
            return String.join("", chunks);
        }
    }
}
