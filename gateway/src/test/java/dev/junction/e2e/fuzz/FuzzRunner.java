package dev.junction.e2e.fuzz;

import dev.junction.testing.RawExchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Sends the cases with a fixed number in flight, each on its own connection and within its own deadline, and
 * judges every answer as it arrives. Placeholders are filled from what earlier answers gave: the latest
 * generation id, OAuth code and created key hash.
 */
public final class FuzzRunner {
    /** One case, what came back, and the verdict. */
    public record Judged(FuzzCase fuzzCase, RawExchange.Result result, FuzzOracle.Verdict verdict, String sent) {}

    private final int port;
    private final Duration deadline;
    private final ConcurrentLinkedDeque<String> generations = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<String> codes = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<String> created = new ConcurrentLinkedDeque<>();

    public FuzzRunner(int port, Duration deadline) {
        this.port = port;
        this.deadline = deadline;
    }

    /** Runs every case, {@code inFlight} at a time; the results in the cases' order. */
    public List<Judged> run(List<FuzzCase> cases, int inFlight) throws InterruptedException {
        List<Judged> judged = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(inFlight)) {
            List<Future<Judged>> futures = new ArrayList<>();
            for (FuzzCase c : cases) {
                futures.add(pool.submit(() -> one(c)));
            }
            for (Future<Judged> f : futures) {
                try {
                    judged.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the fuzz client itself failed", e.getCause());
                }
            }
        }
        return List.copyOf(judged);
    }

    private Judged one(FuzzCase c) {
        UnaryOperator<String> fill = filler();
        byte[] request = c.render(fill);
        RawExchange.Result result = RawExchange.exchange(port, request, c.head(), c.hangUpAfterEvents(), c.hangUpAtOnce(),
                c.followUp(), deadline);
        FuzzOracle.Verdict verdict = FuzzOracle.judge(c, c.renderBody(fill), result);
        generations.addAll(verdict.generationIds());
        verdict.code().ifPresent(codes::add);
        verdict.createdHash().ifPresent(created::add);
        String sent = verdict.problems().isEmpty() ? "" : FuzzCase.describe(request);
        return new Judged(c, result, verdict, sent);
    }

    /** Fills placeholders with the latest values as of now, the same for every part of one request. */
    private UnaryOperator<String> filler() {
        String generation = orNone(generations.peekLast());
        String code = orNone(codes.peekLast());
        String hash = orNone(created.peekLast());
        return name -> switch (name) {
            case "gen" -> generation;
            case "code" -> code;
            case "created" -> hash;
            default -> "{{" + name + "}}"; // not a placeholder: left as it was
        };
    }

    private static String orNone(String value) {
        return value != null ? value : "none-yet";
    }
}
