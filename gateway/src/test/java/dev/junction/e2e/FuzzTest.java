package dev.junction.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.junction.money.Money;
import dev.junction.e2e.fuzz.FuzzCase;
import dev.junction.e2e.fuzz.FuzzGenerator;
import dev.junction.e2e.fuzz.FuzzRunner;
import dev.junction.e2e.fuzz.FuzzUpstreams;
import dev.junction.e2e.fuzz.MoneyCheck;
import dev.junction.e2e.fuzz.Role;
import dev.junction.config.KeyHash;
import dev.junction.keys.KeyKind;
import dev.junction.keys.KeyService;
import dev.junction.keys.LimitReset;
import dev.junction.keys.StaticKeys;
import dev.junction.sim.SimServer;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: no request makes Junction answer 500, hang, leak a credit hold or bill the wrong amount. A seeded
 * generator sends a few thousand requests over every route — the issue's own cases, then mutated valid
 * requests, wrong methods, odd paths and query strings, broken HTTP, every kind of key, streams, clients that
 * hang up — against OpenAI-compatible, Gemini and Anthropic upstreams on the simulator, some of which fail,
 * hang, break mid-stream or lie about usage. Every answer must come in time, be no 5xx but a documented upstream
 * one, and carry errors in OpenRouter's envelope; the gateway must log no error; afterwards each key and account
 * must have been charged exactly what the answers reported, and all that is left of each must still be available
 * to hold.
 *
 * <p>Rerun a failure with {@code -Djunction.fuzz.seed=<the printed seed>}; {@code -Djunction.fuzz.requests=N}
 * changes how many requests are sent.
 */
class FuzzTest {
    private static final long DEFAULT_SEED = 20_261_010L;
    private static final int DEFAULT_REQUESTS = 3000;
    private static final int IN_FLIGHT = 8;
    /** Far above any timeout the gateway is configured with here: an answer this late is a hang. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(30);
    private static final Duration SETTLE_BOUND = Duration.ofSeconds(30);
    private static final String MAIN = StaticKeys.DEFAULT_ACCOUNT;

    private static Sims sims;
    private static TestGateway gateway;
    private static final Map<Role, String> SECRETS = new EnumMap<>(Role.class);
    private static final List<String> PAWN_SECRETS = new ArrayList<>();
    private static final List<String> PAWN_HASHES = new ArrayList<>();

    @BeforeAll
    static void start() {
        sims = new Sims();
        SimServer sim = sims.start(FuzzUpstreams.scripts());
        gateway = TestGateway.start(FuzzUpstreams.catalog(), FuzzUpstreams.environment(sim));
        createKeys();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sims.close();
    }

    private static void createKeys() {
        KeyService keys = gateway.junction().services().keys();
        SECRETS.put(Role.TEST, gateway.key());
        SECRETS.put(Role.ADMIN, keys.create(MAIN, "admin", KeyKind.PROVISIONING, Optional.empty(), Optional.empty(), false).secret());
        SECRETS.put(Role.LEDGER_A, keys.create(MAIN, "ledger-a", KeyKind.STANDARD, Optional.of(Money.ofUsd("20")),
                Optional.empty(), false).secret());
        SECRETS.put(Role.LEDGER_B, keys.create(MAIN, "ledger-b", KeyKind.STANDARD, Optional.of(Money.ofUsd("0.05")),
                Optional.of(LimitReset.DAILY), false).secret());
        SECRETS.put(Role.DOOMED, keys.create(MAIN, "doomed", KeyKind.STANDARD, Optional.of(Money.ofUsd("0.000000000001")),
                Optional.empty(), false).secret());
        SECRETS.put(Role.DISABLED, keys.create(MAIN, "disabled", KeyKind.STANDARD, Optional.empty(), Optional.empty(), false).secret());
        SECRETS.put(Role.DELETED, keys.create(MAIN, "deleted", KeyKind.STANDARD, Optional.empty(), Optional.empty(), false).secret());
        for (int i = 0; i < 6; i++) {
            KeyService.CreatedKey pawn = keys.create(MAIN, "pawn-" + i, KeyKind.STANDARD, Optional.of(Money.ofUsd("1")),
                    Optional.empty(), false);
            PAWN_SECRETS.add(pawn.secret());
            PAWN_HASHES.add(pawn.key().hash());
        }
        SECRETS.put(Role.BROKE, keys.create("broke", "broke", KeyKind.STANDARD, Optional.empty(), Optional.empty(), false).secret());
        SECRETS.put(Role.BROKE_ADMIN, keys.create("broke", "broke-admin", KeyKind.PROVISIONING, Optional.empty(),
                Optional.empty(), false).secret());
        SECRETS.put(Role.CHAOS, keys.create("chaos", "chaos", KeyKind.STANDARD, Optional.empty(), Optional.empty(), false).secret());
        gateway.junction().services().store().usage().grantCredits("chaos", Money.ofUsd("50"), "fuzz: chaos account");

        assertThat(call(Role.ADMIN, "POST", "/api/v1/credits", "{\"amount\":100}").statusCode()).isEqualTo(200);
        assertThat(call(Role.ADMIN, "PATCH", "/api/v1/keys/" + hash(Role.DISABLED), "{\"disabled\":true}").statusCode()).isEqualTo(200);
        assertThat(call(Role.ADMIN, "DELETE", "/api/v1/keys/" + hash(Role.DELETED), null).statusCode()).isEqualTo(200);
    }

    private static FuzzGenerator.Keys generatorKeys() {
        List<String> main = List.of(hash(Role.TEST), hash(Role.LEDGER_A), hash(Role.LEDGER_B), hash(Role.DOOMED),
                hash(Role.DISABLED), hash(Role.DELETED), hash(Role.ADMIN));
        List<String> broke = List.of(hash(Role.BROKE), hash(Role.BROKE_ADMIN));
        return new FuzzGenerator.Keys(Map.copyOf(SECRETS), List.copyOf(PAWN_SECRETS), List.copyOf(PAWN_HASHES), main, broke);
    }

    @Test
    void noRequestIsAnswered500HangsLeaksAHoldOrIsBilledWrongly() throws Exception {
        long seed = Long.getLong("junction.fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("junction.fuzz.requests", DEFAULT_REQUESTS);
        System.out.println("FuzzTest: seed " + seed + ", " + count + " requests, " + IN_FLIGHT
                + " in flight (rerun with -Djunction.fuzz.seed=" + seed + ")");
        List<FuzzCase> cases = new FuzzGenerator(seed, generatorKeys()).cases(count);
        MoneyCheck money = MoneyCheck.before(FuzzTest::call, SETTLE_BOUND);

        // An exception on an event loop may not change any answer (a stream degrades to estimated usage), but the
        // gateway logs each one as an error: the run must log none.
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        long start = System.nanoTime();
        List<FuzzRunner.Judged> judged;
        try {
            judged = new FuzzRunner(gateway.junction().port(), ANSWER_BOUND).run(cases, IN_FLIGHT);
        } finally {
            root.detachAppender(logged);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(summary(judged, millis));
        dump(judged);

        List<String> problems = new ArrayList<>();
        for (FuzzRunner.Judged j : judged) {
            for (String problem : j.verdict().problems()) {
                problems.add("#" + j.fuzzCase().index() + " " + j.fuzzCase().label() + "\n  -> " + problem
                        + "\n  request:\n" + indent(j.sent()));
            }
        }
        assertThat(problems).as("%d problems in %d requests (seed %d); the first ones:%n%s", problems.size(), judged.size(),
                seed, String.join("\n\n", problems.subList(0, Math.min(problems.size(), 15)))).isEmpty();

        money.expectExactChargesAndNothingHeld(judged);
        List<String> errors;
        synchronized (logged) {
            errors = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                    .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ")"))
                    .toList();
        }
        assertThat(errors).as("errors the gateway logged during the run (seed %d)", seed).isEmpty();
    }

    /** A route added to the table without being added to the generator would go unfuzzed. */
    @Test
    void everyRouteOfTheRouteTableIsFuzzed() throws Exception {
        String table = Files.readString(Path.of("src/main/java/dev/junction/api/Routes.java"));
        Matcher route = Pattern.compile("\\.add\\((GET|POST|PATCH|DELETE|PUT), \"([^\"]+)\"")
                .matcher(table);
        List<String> routes = new ArrayList<>();
        while (route.find()) {
            routes.add(route.group(1) + " " + route.group(2));
        }
        assertThat(routes).hasSizeGreaterThan(30);
        assertThat(FuzzGenerator.routes()).containsExactlyInAnyOrderElementsOf(routes);
    }

    // ---- plumbing

    private static String hash(Role role) {
        return KeyHash.sha256Hex(SECRETS.get(role));
    }

    private static HttpResponse<String> call(Role role, String method, String path, String body) {
        HttpRequest.Builder b = gateway.requestAs(path, SECRETS.get(role)).timeout(ANSWER_BOUND)
                .header("Content-Type", "application/json");
        return gateway.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String summary(List<FuzzRunner.Judged> judged, long millis) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        long slowest = 0;
        int hungUp = 0;
        for (FuzzRunner.Judged j : judged) {
            statuses.merge(j.result().status(), 1, Integer::sum);
            slowest = Math.max(slowest, j.result().millis());
            hungUp += j.result().hungUp() ? 1 : 0;
        }
        return "FuzzTest: " + judged.size() + " requests in " + millis + " ms; statuses " + statuses + " (0 = no status line); "
                + hungUp + " hung up by the client; slowest answer " + slowest + " ms";
    }

    /** With {@code -Djunction.fuzz.dump=FILE}: every request's label, status and the start of its answer, to read. */
    private static void dump(List<FuzzRunner.Judged> judged) throws java.io.IOException {
        String file = System.getProperty("junction.fuzz.dump");
        if (file == null || file.isBlank()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (FuzzRunner.Judged j : judged) {
            String body = j.result().bodyText().replace("\n", "\\n");
            out.append('#').append(j.fuzzCase().index()).append(' ').append(j.result().status()).append(' ')
                    .append(j.result().millis()).append("ms ").append(j.fuzzCase().label()).append("\n    ")
                    .append(body, 0, Math.min(body.length(), 300)).append('\n');
        }
        Files.writeString(Path.of(file), out.toString().replaceAll("[\\uD800-\\uDFFF]", "?"));
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
