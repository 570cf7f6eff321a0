package dev.junction.generation;

import dev.junction.accounting.Cost;
import dev.junction.accounting.CostCalculator;
import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.GenerationRecord.ProviderAttempt;
import dev.junction.accounting.Hold;
import dev.junction.accounting.TokenUsage;
import dev.junction.config.ProviderConfig;
import dev.junction.keys.ApiKey;
import dev.junction.providers.AbortSignal;
import dev.junction.providers.Provider;
import dev.junction.providers.StreamListener;
import dev.junction.plugins.MiddleOut;
import dev.junction.plugins.ResponseHealing;
import dev.junction.providers.UpstreamCompletion;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamRequest;
import dev.junction.money.Money;
import dev.junction.routing.AllAttemptsFailedException;
import dev.junction.routing.Attempt;
import dev.junction.routing.AttemptFailure;
import dev.junction.routing.AutoRouter;
import dev.junction.routing.Committed;
import dev.junction.routing.CommittedStream;
import dev.junction.routing.RoutePlan;
import dev.junction.search.SearchResult;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.Json;
import dev.junction.wire.UrlCitations;
import dev.junction.wire.FinishReason;
import dev.junction.wire.ResponseIdentity;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One generation, from admission to its record: its credit hold, its plan and the attempts made, what it
 * produced, its exact cost, the health feedback for the endpoints it tried — and the one {@link #finish}
 * that records, settles and releases exactly once, whichever way it ends: served, failed before any attempt
 * committed, failed mid-stream, cancelled by the client, timed out upstream, or with the writer failing.
 * The socket code asks it for an answer ({@link #complete}) or a stream ({@link #stream}), renders and
 * writes; it never bills. Lives on one event loop: every method is called there.
 */
public final class Generation {
    private static final Logger LOG = LoggerFactory.getLogger(Generation.class);

    /** How a generation ended, as its record and its bill see it. */
    private enum Ending {
        /** An attempt answered in full. */
        SERVED,
        /** The committed attempt failed part-way through a stream. */
        FAILED_MID_STREAM,
        /** The client went away, before or after the commit point. */
        CANCELLED,
        /** The writer failed after the commit point: billed for what the upstream produced. */
        CRASHED,
        /** No attempt committed: nothing recorded, the hold released whole. */
        NOT_SERVED
    }

    private enum State { RUNNING, STREAMING, FINISHED }

    private final String id;
    private final ApiKey key;
    private final ClientRequest request;
    private final RoutePlan plan;
    private final PreparedPrompts prompts;
    /** What the response-healing plugin did to the answer, for the record. */
    private final List<String> healing = new ArrayList<>();
    private final Hold hold;
    private final Origin origin;
    private final Instant createdAt;
    private final Room room;
    private final long startNanos;
    private final AbortSignal abort = new AbortSignal();
    private final Output output;
    private final WebSearchStep web;
    /** The body the latest attempt sent (with its web search): the committed one's, once committed. */
    private ObjectNode attemptBody;
    /** Junction's search results still to be told to a streaming client, before its finish. */
    private Optional<ArrayNode> pendingAnnotations = Optional.empty();
    /** Completes once the generation is over and its client has been told all it will be told. */
    private final Promise<Void> done = Promise.promise();

    private State state = State.RUNNING;
    /** Set by {@link #finish}: how it ended and what it was billed. */
    private Ending ending;
    private Settlement settlement = Settlement.NONE;
    private Attempt attempt;
    /** Whether {@link #attempt} committed (a cancel before the commit point names the attempt it cut short). */
    private boolean committed;
    private List<AttemptFailure> failures = List.of();
    private CommittedStream stream;
    private ClientStream client;
    /** What the room's listener follows of this generation (metrics, the trace). */
    private final GenerationListener.Observation observation;
    /** When the first attempt was sent, and when the generation ended: the upstream's share of its time. */
    private long firstAttemptNanos;
    private long endNanos;
    private final Map<String, String> byok;

    /** @param byok the account's own provider keys for this request, by provider id */
    Generation(String id, ApiKey key, ClientRequest request, RoutePlan plan, Hold hold, Origin origin,
               Instant createdAt, Room room, WebSearchStep web, Map<String, String> byok) {
        this(id, key, request, plan, PreparedPrompts.NONE, hold, origin, createdAt, room, web, byok);
    }

    /**
     * @param prompts what each attempt is sent: PDFs as text where the endpoint cannot read them, middle-out where it is too small
     * @param web     how each attempt searches the web, when the request asked for it
     * @param byok    the account's own provider keys for this request, by provider id
     */
    Generation(String id, ApiKey key, ClientRequest request, RoutePlan plan, PreparedPrompts prompts, Hold hold,
               Origin origin, Instant createdAt, Room room, WebSearchStep web, Map<String, String> byok) {
        this.id = id;
        this.byok = byok;
        this.key = key;
        this.request = request;
        this.plan = plan;
        this.prompts = prompts;
        this.hold = hold;
        this.origin = origin;
        this.createdAt = createdAt;
        this.room = room;
        this.startNanos = room.nanos().getAsLong();
        this.output = new Output(request.usesTools(), room.listener().keepsText());
        this.web = web;
        this.attemptBody = request.body();
        this.observation = room.listener().opened(this);
    }

    /** The key it was admitted under. */
    public ApiKey key() {
        return key;
    }

    /** Where the request came from, as its headers said. */
    public Origin origin() {
        return origin;
    }

    /** The answer's text so far, when the room's listener asked for it to be kept (a trace capturing content). */
    public Optional<String> producedText() {
        return output.text();
    }

    /** The attempt whose answer the client got; empty when none committed. */
    public Optional<Attempt> committedAttempt() {
        return committed ? Optional.of(attempt) : Optional.empty();
    }

    /** Why the answer lacks the web search it asked for, if it will: for the client's warning header. */
    public Optional<String> webSearchWarning() {
        return web.warning(plan.attempts());
    }

    public String id() {
        return id;
    }

    public ClientRequest request() {
        return request;
    }

    public RoutePlan plan() {
        return plan;
    }

    /**
     * Whose answer this is: the committed attempt's, or before the commit point the last attempt tried (for
     * an error that must go out in-stream).
     */
    public ResponseIdentity identity() {
        Attempt shown = attempt != null ? attempt : failures.isEmpty() ? plan.attempts().getFirst()
                : failures.getLast().attempt();
        return new ResponseIdentity(id, shown.endpoint().providerName(), shown.servedModel(), createdAt.getEpochSecond());
    }

    /** What the access log says about this generation, as it stands now. */
    public GenerationSummary summary() {
        Optional<Attempt> shown = Optional.ofNullable(attempt)
                .or(() -> failures.isEmpty() ? Optional.empty() : Optional.of(failures.getLast().attempt()));
        String model = shown.map(Attempt::servedModel).orElseGet(() -> plan.attempts().getFirst().servedModel());
        GenerationSummary.Outcome outcome = ending == null ? GenerationSummary.Outcome.RUNNING : switch (ending) {
            case SERVED -> GenerationSummary.Outcome.SERVED;
            case CANCELLED -> GenerationSummary.Outcome.CANCELLED;
            case FAILED_MID_STREAM, CRASHED, NOT_SERVED -> GenerationSummary.Outcome.FAILED;
        };
        long firstToken = output.firstTokenNanos() == 0 ? 0 : output.firstTokenNanos() - startNanos;
        long upstream = firstAttemptNanos == 0 || endNanos == 0 ? 0 : endNanos - firstAttemptNanos;
        return new GenerationSummary(id, model, shown.map(a -> a.endpoint().providerName()),
                settlement.usage().promptTokens(), settlement.usage().completionTokens(), settlement.cost().total(),
                outcome, key.name(), request.stream(), firstToken, upstream, observation.traceId());
    }

    /** Completes when the generation is over: settled, recorded, and its client told. */
    public Future<Void> done() {
        return done.future();
    }

    /**
     * Runs the plan for a whole answer. Succeeds with the answer once it is settled and recorded; fails with
     * the reason when no attempt served (the hold then released, or a cancel recorded).
     */
    public Future<Answer> complete() {
        return room.executor().complete(plan, a -> prepared(a).compose(r -> provider(a).complete(r)))
                .compose(this::healed)
                .transform(result -> {
                    try {
                        return result.succeeded() ? Future.succeededFuture(answered(result.result()))
                                : notCommitted(result.cause());
                    } catch (RuntimeException e) {
                        return crashed(e);
                    }
                });
    }

    /**
     * Runs the plan as a stream into {@code out}. The returned future succeeds once an attempt committed and
     * fails when none did (every attempt failed, or the client went away first).
     */
    public Future<Void> stream(ClientStream out) {
        client = out;
        return room.executor().stream(plan, a -> prepared(a).compose(r -> provider(a).stream(r)))
                .transform(result -> {
                    try {
                        return result.succeeded() ? streaming(result.result()) : notCommitted(result.cause());
                    } catch (RuntimeException e) {
                        return crashed(e);
                    }
                });
    }

    /** The client went away: the upstream call stops at once, and the generation is billed for what went out. */
    public void cancel() {
        if (state == State.STREAMING) {
            stream.cancel(); // first: the stream must not report the abort below as its own failure
            finish(Ending.CANCELLED, Optional.empty());
            done.tryComplete();
        }
        abort.abort(); // before the commit point, the attempt in flight fails as cancelled and the plan stops
    }

    /** The client reads slowly: hold the upstream back. */
    public void pause() {
        if (state == State.STREAMING) {
            stream.pause();
        }
    }

    public void resume() {
        if (state == State.STREAMING) {
            stream.resume();
        }
    }

    /**
     * The {@code response-healing} plugin on a whole answer: its JSON repaired and checked off the event loop (a
     * client's schema may be costly to check). Never fails: the answer was served, whatever healing makes of it.
     */
    private Future<Committed<UpstreamCompletion>> healed(Committed<UpstreamCompletion> committed) {
        if (!ResponseHealing.requested(request.body())) {
            return Future.succeededFuture(committed);
        }
        Callable<Committed<UpstreamCompletion>> heal = () -> {
            try {
                healing.addAll(ResponseHealing.heal(committed.value().body(), request.body()));
            } catch (RuntimeException e) {
                healing.add(ResponseHealing.ID + ": failed (" + e + "); the answer is as the model wrote it");
            }
            return committed;
        };
        Context context = Vertx.currentContext();
        if (context == null) {
            return Future.future(p -> p.complete(call(heal)));
        }
        return context.executeBlocking(heal, false);
    }

    private static <T> T call(Callable<T> callable) {
        try {
            return callable.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer answered(Committed<UpstreamCompletion> committed) {
        commit(committed.attempt(), committed.earlierFailures());
        UpstreamCompletion completion = committed.value();
        List<SearchResult> injected = web.injected(attempt);
        if (!injected.isEmpty()) {
            annotate(completion.body(), WebSearchStep.annotations(injected));
        }
        prompts.annotations(attempt).ifPresent(files -> annotate(completion.body(), files));
        output.whole(completion, room.nanos().getAsLong());
        Settlement settlement = finish(Ending.SERVED, Optional.empty());
        done.tryComplete();
        return new Answer(identity(), completion.body(), settlement);
    }

    private Future<Void> streaming(Committed<CommittedStream> committed) {
        commit(committed.attempt(), committed.earlierFailures());
        stream = committed.value();
        if (abort.aborted()) {
            // The client left as the first event arrived: nobody to stream to.
            stream.cancel();
            finish(Ending.CANCELLED, Optional.empty());
            done.tryComplete();
            return Future.failedFuture(UpstreamFailure.of(UpstreamFailure.Kind.CANCELLED,
                    attempt.endpoint().providerName(), "the client closed the connection").asException());
        }
        state = State.STREAMING;
        List<SearchResult> injected = web.injected(attempt);
        if (!injected.isEmpty()) {
            pendingAnnotations = Optional.of(WebSearchStep.annotations(injected));
        }
        deliver(() -> client.committed(identity()));
        if (state == State.STREAMING && request.echoUpstreamBody()) {
            echoUpstreamBody();
        }
        if (state == State.STREAMING) {
            stream.start(new Relay());
        }
        return Future.succeededFuture();
    }

    private <T> Future<T> notCommitted(Throwable cause) {
        if (cause instanceof AllAttemptsFailedException failed) {
            failures = failed.failures();
            observation.attemptsFailed(failures, false);
            if (abort.aborted()) {
                attempt = failed.last().attempt();
                failures = failures.subList(0, failures.size() - 1);
                finish(Ending.CANCELLED, Optional.empty());
                done.tryComplete();
                return Future.failedFuture(cause);
            }
        }
        finish(Ending.NOT_SERVED, Optional.empty());
        done.tryComplete();
        return Future.failedFuture(cause);
    }

    /** A bug in the gateway, not an upstream failure: whatever was produced is billed, the rest released. */
    private <T> Future<T> crashed(RuntimeException e) {
        about(LOG.atError()).setCause(e).log("generation {} failed inside the gateway", id);
        if (stream != null) {
            stream.cancel();
        }
        if (state != State.FINISHED) {
            finish(attempt != null ? Ending.CRASHED : Ending.NOT_SERVED, Optional.empty());
        }
        done.tryFail(e);
        return Future.failedFuture(e);
    }

    private void commit(Attempt served, List<AttemptFailure> earlier) {
        attempt = served;
        committed = true;
        failures = earlier;
        if (!earlier.isEmpty()) {
            observation.attemptsFailed(earlier, true);
        }
        observation.committed(served);
    }

    /** Calls the client; a client that throws is a crashed writer. */
    private void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            crashed(e);
        }
    }

    /**
     * Ends the generation, exactly once: bills the usage its ending calls for, settles the hold to that exact
     * cost (or releases it whole), records the generation and feeds the endpoint's health. The record and the
     * bill are computed before any money moves, so a failure there releases the hold rather than leaking it.
     */
    private Settlement finish(Ending ending, Optional<UpstreamFailure> failure) {
        if (state == State.FINISHED) {
            throw new IllegalStateException("generation " + id + " finished twice");
        }
        state = State.FINISHED;
        this.ending = ending;
        endNanos = room.nanos().getAsLong();
        Settlement settled = settle(ending, failure);
        observation.finished(this, failure);
        return settled;
    }

    private Settlement settle(Ending ending, Optional<UpstreamFailure> failure) {
        if (ending == Ending.NOT_SERVED) {
            room.ledger().release(hold);
            return Settlement.NONE;
        }
        Settlement settlement;
        GenerationRecord record;
        try {
            TokenUsage usage = ending == Ending.SERVED ? output.complete(request.promptChars())
                    : output.partial(request.promptChars());
            long nativeSearches = web.nativeSearches(attempt, usage.webSearches(), output.cited());
            int results = web.injected(attempt).size();
            Money junctionSearch = room.webSearches().map(s -> s.pricePerResult().times(results)).orElse(Money.ZERO);
            Cost cost = CostCalculator.cost(attempt.endpoint().pricing(), usage, request.inputImages(), nativeSearches,
                    junctionSearch);
            settlement = new Settlement(usage.withWebSearches(nativeSearches + (results > 0 ? 1 : 0)), cost,
                    byok.containsKey(attempt.endpoint().provider().id()));
            record = record(ending, failure, settlement, CostCalculator.cacheDiscount(attempt.endpoint().pricing(), usage));
        } catch (RuntimeException e) {
            room.ledger().release(hold);
            throw e;
        }
        room.ledger().settle(hold, settlement.cost().total(), id, settlement.byok());
        this.settlement = settlement;
        room.sink().record(record);
        if (ending == Ending.SERVED && request.stream()) {
            room.health().recordThroughput(attempt.endpoint(), settlement.usage().completionTokens(),
                    record.generationMillis());
        }
        if (ending == Ending.SERVED && request.usesTools()) {
            recordToolCalls();
        }
        return settlement;
    }

    /**
     * {@code debug.echo_upstream_body}: the body sent to the committed upstream goes to the client first, as a chunk of
     * its own — neither produced text nor billed. A body that cannot be rebuilt is left out rather than failing the
     * answer.
     */
    private void echoUpstreamBody() {
        Optional<ObjectNode> chunk;
        try {
            chunk = provider(attempt).upstreamBody(upstreamRequest(attempt))
                    .map(body -> UpstreamBodyEcho.chunk(body, attempt.endpoint().provider().apiKey()));
        } catch (RuntimeException e) {
            about(LOG.atWarn()).setCause(e).log("generation {}: could not rebuild the upstream body to echo", id);
            return;
        }
        chunk.ifPresent(c -> deliver(() -> client.chunk(c)));
    }

    /** The endpoint's tool-calling record, which {@code :exacto} ranks by; a fault here must not touch the answer. */
    private void recordToolCalls() {
        try {
            int[] checked = ToolCallCheck.count(output.toolCalls(), request.body().get("tools"));
            room.health().recordToolCalls(attempt.endpoint(), checked[0], checked[1]);
        } catch (RuntimeException e) {
            about(LOG.atWarn()).setCause(e).log("generation {}: could not check its tool calls", id);
        }
    }

    private GenerationRecord record(Ending ending, Optional<UpstreamFailure> failure, Settlement settlement,
                                    Money cacheDiscount) {
        long end = room.nanos().getAsLong();
        long first = output.firstTokenNanos() == 0 ? end : output.firstTokenNanos();
        int status = switch (ending) {
            case SERVED -> 200;
            case FAILED_MID_STREAM -> failure.orElseThrow().verdict().clientStatus();
            case CANCELLED -> 499;
            case CRASHED, NOT_SERVED -> 500;
        };
        Optional<FinishReason> finish = switch (ending) {
            case SERVED -> output.finish();
            case CANCELLED -> Optional.empty();
            case FAILED_MID_STREAM, CRASHED, NOT_SERVED -> Optional.of(new FinishReason("error", Optional.empty()));
        };
        List<ProviderAttempt> attempts = new ArrayList<>(failures.size() + 1);
        for (AttemptFailure f : failures) {
            attempts.add(new ProviderAttempt(f.attempt().endpoint().providerName(), f.attempt().servedModel(),
                    f.failure().verdict().clientStatus(), f.latencyMillis(), Optional.of(f.failure().message())));
        }
        attempts.add(new ProviderAttempt(attempt.endpoint().providerName(), attempt.servedModel(), status,
                millis(first - startNanos), failure.map(UpstreamFailure::message)));
        return new GenerationRecord(id, key.hash(), key.accountId(), attempt.servedModel(),
                attempt.endpoint().providerName(), attempt.endpoint().key(), output.upstreamId(), createdAt,
                request.stream(), ending == Ending.CANCELLED, finish.map(FinishReason::normalised),
                finish.flatMap(FinishReason::nativeReason), settlement.usage(), settlement.cost(),
                millis(first - startNanos), millis(end - first), request.user(), origin.httpReferer(),
                origin.appTitle(), origin.userAgent(), attempts, request.inputImages(),
                request.sessionId().or(origin::sessionId), plan.autoRoute().map(choice -> AutoRouter.MODEL_ID),
                cacheDiscount, notes(),
                request.api().generatesText() ? GenerationRecord.COMPLETIONS : request.api().recordName());
    }

    /**
     * Annotations of Junction's own making on each choice's message, after any the upstream made: the text of
     * the PDFs the prompt held ({@code file}), the results Junction's web search gave it ({@code url_citation}).
     */
    private static void annotate(ObjectNode completion, ArrayNode annotations) {
        for (JsonNode choice : completion.path("choices")) {
            if (choice.get("message") instanceof ObjectNode message) {
                UrlCitations.on(message).addAll(annotations.deepCopy());
            }
        }
    }

    /** What Junction did to the request or the answer, for the record. */
    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        prompts.of(attempt).ifPresent(r -> notes.add(r.describe()));
        notes.addAll(healing);
        return notes;
    }

    /** A log line about this generation: its id and trace id as the line's own fields (JSON logs show them). */
    private org.slf4j.spi.LoggingEventBuilder about(org.slf4j.spi.LoggingEventBuilder line) {
        line = line.addKeyValue("generation_id", id);
        Optional<String> trace = observation.traceId();
        return trace.isPresent() ? line.addKeyValue("trace_id", trace.get()) : line;
    }

    /** The endpoint's provider, called with the account's own key for it when it has one (BYOK). */
    private Provider provider(Attempt a) {
        ProviderConfig config = a.endpoint().provider();
        String own = byok.get(config.id());
        return room.providers().apply(own == null ? config : config.withApiKey(own));
    }

    /** An attempt's call: the upstream request with the headers the listener adds to it (its trace context). */
    private UpstreamRequest attemptRequest(Attempt a) {
        if (firstAttemptNanos == 0) {
            firstAttemptNanos = room.nanos().getAsLong();
        }
        return new UpstreamRequest(a.endpoint(), request.api(), attemptBody, request.stream(), abort,
                observation.attempting(a));
    }

    private UpstreamRequest upstreamRequest(Attempt a) {
        return new UpstreamRequest(a.endpoint(), request.api(), attemptBody, request.stream(), abort);
    }

    /**
     * What middle-out removed from the prompt sent to the attempt that served, or before one did, to the
     * first attempt; empty when the prompt went whole.
     */
    public Optional<String> middleOut() {
        Attempt shown = attempt != null ? attempt : plan.attempts().getFirst();
        return prompts.of(shown).map(MiddleOut.Result::describe);
    }

    /**
     * The attempt's call, once its body is shaped: middle-out's prompt for an endpoint too small for the
     * client's (and PDFs as text where it cannot read them), then the web search (if any) on top, so the search
     * results are never what middle-out drops.
     */
    private Future<UpstreamRequest> prepared(Attempt a) {
        return web.body(a, prompt(a)).map(body -> {
            attemptBody = body;
            return attemptRequest(a);
        });
    }

    /** The client's body as the endpoint can take it: PDFs as text, middle-out's messages, as prepared. */
    private ObjectNode prompt(Attempt a) {
        return prompts.body(a, request.body());
    }

    /** A chunk telling a streaming client Junction's search results, once, before the chunk that finishes. */
    private void sendPendingAnnotations() {
        pendingAnnotations.ifPresent(annotations -> {
            pendingAnnotations = Optional.empty();
            ObjectNode chunk = Json.object();
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("delta").set("annotations", annotations);
            choice.putNull("finish_reason");
            client.chunk(chunk);
        });
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** The committed upstream stream's events: accounted here, then passed to the client. */
    private final class Relay implements StreamListener {
        /** Whether the PDFs' {@code file} annotations went out (with the first delta of each choice). */
        private boolean annotated;

        @Override
        public void onChunk(ObjectNode chunk) {
            if (state != State.STREAMING) {
                return;
            }
            guarded(() -> {
                if (!annotated && !chunk.path("choices").isEmpty()) {
                    annotated = true;
                    prompts.annotations(attempt).ifPresent(files -> {
                        for (JsonNode choice : chunk.get("choices")) {
                            if (choice.get("delta") instanceof ObjectNode delta) {
                                delta.set("annotations", files.deepCopy());
                            }
                        }
                    });
                }
                if (FinishReason.of(chunk).isPresent()) {
                    sendPendingAnnotations();
                }
                output.chunk(chunk, room.nanos().getAsLong());
                client.chunk(chunk);
            });
        }

        @Override
        public void onUsage(TokenUsage usage) {
            output.usage(usage);
        }

        @Override
        public void onEnd() {
            if (state != State.STREAMING) {
                return;
            }
            guarded(() -> {
                sendPendingAnnotations();
                Settlement settlement = finish(Ending.SERVED, Optional.empty());
                client.ended(settlement);
                done.tryComplete();
            });
        }

        @Override
        public void onError(UpstreamFailure failure) {
            if (state != State.STREAMING) {
                return;
            }
            guarded(() -> {
                Settlement settlement = finish(Ending.FAILED_MID_STREAM, Optional.of(failure));
                client.failed(failure, settlement);
                done.tryComplete();
            });
        }

        /**
         * Whatever throws while an event is handled — the writer, or the bill itself (an upstream's absurd
         * usage) — ends the generation as crashed: the upstream stopped, the hold settled or released, and
         * the client's stream ended by the socket side; never a stream left open.
         */
        private void guarded(Runnable handling) {
            try {
                handling.run();
            } catch (RuntimeException e) {
                crashed(e);
            }
        }
    }
}
