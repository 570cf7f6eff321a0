package dev.junction.routing;

import dev.junction.providers.FailureClass;
import dev.junction.providers.UpstreamException;
import dev.junction.providers.UpstreamFailure;
import dev.junction.providers.UpstreamStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a plan's attempts in order until one commits. For a whole answer, the commit point is a
 * successful response; for a stream, it is the first event (a chunk, or the end of an empty stream):
 * a failure before it falls through to the next attempt when {@link FailureClass} allows, after it the
 * stream is the client's. Every outcome feeds {@link EndpointHealth}.
 */
public final class FallbackExecutor {
    private final EndpointHealth health;

    public FallbackExecutor(EndpointHealth health) {
        this.health = health;
    }

    public EndpointHealth health() {
        return health;
    }

    public <T> Future<Committed<T>> complete(RoutePlan plan, Function<Attempt, Future<T>> call) {
        return run(plan, 0, call, new ArrayList<>());
    }

    public Future<Committed<CommittedStream>> stream(RoutePlan plan, Function<Attempt, Future<UpstreamStream>> open) {
        return run(plan, 0, attempt -> open.apply(attempt).compose(FallbackExecutor::firstEvent), new ArrayList<>());
    }

    private <T> Future<Committed<T>> run(RoutePlan plan, int index, Function<Attempt, Future<T>> call,
                                         List<AttemptFailure> failures) {
        Attempt attempt = plan.attempts().get(index);
        long started = System.nanoTime();
        return attempt(call, attempt)
                .map(value -> {
                    health.recordFirstToken(attempt.endpoint(), millisSince(started));
                    return new Committed<>(attempt, value, failures);
                })
                .recover(error -> next(plan, index, failures, attempt, error, millisSince(started),
                        () -> run(plan, index + 1, call, failures)));
    }

    /** The call's future; a call that throws instead of failing its future fails it all the same. */
    private static <T> Future<T> attempt(Function<Attempt, Future<T>> call, Attempt attempt) {
        try {
            return call.apply(attempt);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static Future<CommittedStream> firstEvent(UpstreamStream upstream) {
        Promise<CommittedStream> promise = Promise.promise();
        CommittedStream stream = new CommittedStream(upstream);
        stream.probe(() -> promise.tryComplete(stream), failure -> promise.tryFail(failure.asException()));
        return promise.future();
    }

    private <T> Future<T> next(RoutePlan plan, int index, List<AttemptFailure> failures, Attempt attempt,
                               Throwable error, long elapsedMillis, Supplier<Future<T>> tryNext) {
        if (!(error instanceof UpstreamException upstream)) {
            return Future.failedFuture(error); // a bug, not an upstream failure: do not mask it
        }
        UpstreamFailure failure = upstream.failure();
        health.recordFailure(attempt.endpoint(), failure);
        failures.add(new AttemptFailure(attempt, failure, elapsedMillis));
        boolean more = index + 1 < plan.attempts().size();
        if (more && failure.verdict().next() == FailureClass.TRY_NEXT) {
            return tryNext.get();
        }
        return Future.failedFuture(new AllAttemptsFailedException(failures));
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
