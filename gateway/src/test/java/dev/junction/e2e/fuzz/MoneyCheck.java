package dev.junction.e2e.fuzz;

import dev.junction.keys.StaticKeys;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The money side of a fuzz run: each key and account charged exactly what the answers reported (a stream the
 * client left: what its generation recorded), credits moved by exactly the grants that succeeded, and nothing
 * still held afterwards. Reads the figures through the API, as a client would.
 */
public final class MoneyCheck {
    /** One authenticated call to the gateway. */
    @FunctionalInterface
    public interface Api {
        HttpResponse<String> call(Role role, String method, String path, String body);
    }

    private static final BigDecimal FINE_PRICE = new BigDecimal("0.000001");
    private static final BigDecimal COARSE_PRICE = new BigDecimal("0.0001");
    private static final String MAIN = StaticKeys.DEFAULT_ACCOUNT;

    private final Api api;
    private final Duration settleBound;
    private final Figures before;
    private final LocalDate day = LocalDate.now(ZoneOffset.UTC);

    private MoneyCheck(Api api, Duration settleBound) {
        this.api = api;
        this.settleBound = settleBound;
        this.before = Figures.read(this);
    }

    /** Reads the figures as they are before the run. */
    public static MoneyCheck before(Api api, Duration settleBound) {
        return new MoneyCheck(api, settleBound);
    }

    /** After the run: every charge exact (waiting, within the bound, for generations still settling), no hold left. */
    public void expectExactChargesAndNothingHeld(List<FuzzRunner.Judged> judged) throws InterruptedException {
        Spending spent = Spending.of(judged, this);
        System.out.println("FuzzTest: spent by role " + spent.byRole() + ", granted " + spent.granted());
        expectCharges(before, spent, !LocalDate.now(ZoneOffset.UTC).equals(day));
        expectNothingStillHeld();
    }

    /** What the answers say each key spent, and what the account was granted. */
    private record Spending(Map<Role, BigDecimal> byRole, BigDecimal granted) {
        static Spending of(List<FuzzRunner.Judged> judged, MoneyCheck check) throws InterruptedException {
            Map<Role, BigDecimal> byRole = new EnumMap<>(Role.class);
            BigDecimal granted = BigDecimal.ZERO;
            for (FuzzRunner.Judged j : judged) {
                Role role = j.fuzzCase().role();
                Optional<BigDecimal> cost = j.verdict().cost();
                if (cost.isEmpty() && j.verdict().lookUp().isPresent() && role != Role.CHAOS) {
                    cost = Optional.of(check.lookedUp(j.verdict().lookUp().get(), j.verdict().lookUpMayBeUnserved()));
                }
                cost.ifPresent(c -> byRole.merge(role, c, BigDecimal::add));
                granted = granted.add(j.verdict().granted().orElse(BigDecimal.ZERO));
            }
            return new Spending(byRole, granted);
        }

        BigDecimal of(Role role) {
            return byRole.getOrDefault(role, BigDecimal.ZERO);
        }

        BigDecimal main() {
            return of(Role.TEST).add(of(Role.LEDGER_A)).add(of(Role.LEDGER_B)).add(of(Role.PAWN)).add(of(Role.DOOMED));
        }
    }

    /**
     * The cost of a generation whose client hung up before its usage chunk: what the gateway recorded. One that may
     * have been served by no attempt ({@code mayBeUnserved}) and is still unrecorded after the bound was not: it billed
     * nothing, which the key and account figures then confirm.
     */
    private BigDecimal lookedUp(String id, boolean mayBeUnserved) throws InterruptedException {
        Supplier<Optional<BigDecimal>> recorded = () -> {
            HttpResponse<String> r = api.call(Role.ADMIN, "GET", "/api/v1/generation?id=" + id, null);
            return r.statusCode() == 200
                    ? Optional.of(Json.parseExact(r.body().getBytes()).path("data").path("total_cost").decimalValue())
                    : Optional.empty();
        };
        if (!mayBeUnserved) {
            return await("generation " + id + " to be recorded", recorded);
        }
        return poll(recorded).orElseGet(() -> {
            System.out.println("FuzzTest: generation " + id + " was never recorded: no attempt served it, it billed nothing");
            return BigDecimal.ZERO;
        });
    }

    /** A key's usage and remaining limit, and its account's credits and usage. */
    private record KeyFigures(BigDecimal usage, Optional<BigDecimal> limitRemaining) {}

    private record AccountFigures(BigDecimal credits, BigDecimal usage) {}

    private record Figures(Map<Role, KeyFigures> keys, Map<String, AccountFigures> accounts) {
        static Figures read(MoneyCheck check) {
            Map<Role, KeyFigures> keys = new EnumMap<>(Role.class);
            for (Role role : List.of(Role.TEST, Role.LEDGER_A, Role.LEDGER_B, Role.DOOMED, Role.BROKE, Role.CHAOS)) {
                JsonNode data = check.json(check.api.call(role, "GET", "/api/v1/key", null)).path("data");
                keys.put(role, new KeyFigures(data.path("usage").decimalValue(),
                        data.path("limit_remaining").isNumber() ? Optional.of(data.get("limit_remaining").decimalValue()) : Optional.empty()));
            }
            Map<String, AccountFigures> accounts = new TreeMap<>();
            accounts.put(MAIN, account(check, Role.TEST));
            accounts.put("broke", account(check, Role.BROKE));
            accounts.put("chaos", account(check, Role.CHAOS));
            return new Figures(keys, accounts);
        }

        private static AccountFigures account(MoneyCheck check, Role role) {
            JsonNode data = check.json(check.api.call(role, "GET", "/api/v1/credits", null)).path("data");
            return new AccountFigures(data.path("total_credits").decimalValue(), data.path("total_usage").decimalValue());
        }

        BigDecimal usage(Role role) {
            return keys.get(role).usage();
        }
    }

    /**
     * Each key was charged exactly what its answers reported (a stream the client left: what its generation
     * recorded), each account exactly the sum over its keys, and credits moved by exactly the grants that
     * succeeded. Read until they match, as generations whose clients left are settled behind.
     */
    private void expectCharges(Figures before, Spending spent, boolean dayChanged) throws InterruptedException {
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (Role role : List.of(Role.TEST, Role.LEDGER_A, Role.LEDGER_B, Role.DOOMED, Role.BROKE)) {
            expected.put(role + " usage", before.usage(role).add(spent.of(role)));
        }
        before.keys().get(Role.LEDGER_A).limitRemaining().ifPresent(r ->
                expected.put("LEDGER_A limit_remaining", r.subtract(spent.of(Role.LEDGER_A))));
        if (!dayChanged) {
            before.keys().get(Role.LEDGER_B).limitRemaining().ifPresent(r ->
                    expected.put("LEDGER_B limit_remaining", r.subtract(spent.of(Role.LEDGER_B))));
        }
        before.keys().get(Role.DOOMED).limitRemaining().ifPresent(r -> expected.put("DOOMED limit_remaining", r));
        AccountFigures main = before.accounts().get(MAIN);
        expected.put("main total_credits", main.credits().add(spent.granted()));
        expected.put("main total_usage", main.usage().add(spent.main()));
        AccountFigures broke = before.accounts().get("broke");
        expected.put("broke total_credits", broke.credits());
        expected.put("broke total_usage", broke.usage());

        Map<String, BigDecimal> actual = new TreeMap<>();
        long until = System.nanoTime() + settleBound.toNanos();
        do {
            actual = actualFigures(before);
            if (same(expected, actual)) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < until);
        assertThat(normalised(actual)).as("charges after the run (spent by role: %s; granted %s)", spent.byRole(), spent.granted())
                .containsExactlyInAnyOrderEntriesOf(normalised(expected));

        // The chaos account's clients left before any answer: what each cost is unseen, but the account must have
        // been charged exactly what its one key was (read until they agree: its last requests may still be ending).
        BigDecimal[] chaos = new BigDecimal[2];
        long chaosUntil = System.nanoTime() + settleBound.toNanos();
        do {
            Figures after = Figures.read(this);
            chaos[0] = after.usage(Role.CHAOS).subtract(before.usage(Role.CHAOS));
            chaos[1] = after.accounts().get("chaos").usage().subtract(before.accounts().get("chaos").usage());
            if (chaos[0].compareTo(chaos[1]) == 0) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < chaosUntil);
        assertThat(chaos[1]).as("the chaos account's usage against its key's").isEqualByComparingTo(chaos[0]);
    }

    private Map<String, BigDecimal> actualFigures(Figures before) {
        Figures now = Figures.read(this);
        Map<String, BigDecimal> actual = new TreeMap<>();
        for (Role role : List.of(Role.TEST, Role.LEDGER_A, Role.LEDGER_B, Role.DOOMED, Role.BROKE)) {
            actual.put(role + " usage", now.usage(role));
        }
        now.keys().get(Role.LEDGER_A).limitRemaining().ifPresent(r -> actual.put("LEDGER_A limit_remaining", r));
        now.keys().get(Role.LEDGER_B).limitRemaining().ifPresent(r -> actual.put("LEDGER_B limit_remaining", r));
        now.keys().get(Role.DOOMED).limitRemaining().ifPresent(r -> actual.put("DOOMED limit_remaining", r));
        actual.put("main total_credits", now.accounts().get(MAIN).credits());
        actual.put("main total_usage", now.accounts().get(MAIN).usage());
        actual.put("broke total_credits", now.accounts().get("broke").credits());
        actual.put("broke total_usage", now.accounts().get("broke").usage());
        return actual;
    }

    /** Amounts compared by value: 103.80 is 103.8. */
    private static Map<String, BigDecimal> normalised(Map<String, BigDecimal> figures) {
        Map<String, BigDecimal> out = new TreeMap<>();
        figures.forEach((name, value) -> out.put(name, value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros()));
        return out;
    }

    private static boolean same(Map<String, BigDecimal> expected, Map<String, BigDecimal> actual) {
        return expected.entrySet().stream().allMatch(e -> actual.containsKey(e.getKey())
                && actual.get(e.getKey()).compareTo(e.getValue()) == 0);
    }

    /**
     * Holds do not show in any figure, so a leaked one is found by asking for everything that is left: a request
     * whose worst case is all of a key's remaining limit (or all of an account's balance, to the probe price)
     * is admitted only if nothing is still held. Requests whose clients left may still be winding down (a hold
     * lasts until the upstream's timeout), so the probe is retried, reading what is left each time, until the
     * bound: a leaked hold never goes.
     */
    private void expectNothingStillHeld() throws InterruptedException {
        for (Role role : List.of(Role.LEDGER_A, Role.LEDGER_B)) {
            probe(role, () -> json(api.call(role, "GET", "/api/v1/key", null)).path("data").path("limit_remaining")
                    .decimalValue(), role + "'s remaining limit");
        }
        for (Role role : List.of(Role.TEST, Role.CHAOS)) {
            probe(role, () -> {
                JsonNode credits = json(api.call(role, "GET", "/api/v1/credits", null)).path("data");
                return credits.path("total_credits").decimalValue().subtract(credits.path("total_usage").decimalValue());
            }, role + "'s account balance");
        }
    }

    private void probe(Role role, Supplier<BigDecimal> available, String what) throws InterruptedException {
        long until = System.nanoTime() + settleBound.toNanos();
        while (true) {
            BigDecimal left = available.get();
            boolean fine = left.divide(FINE_PRICE, 0, RoundingMode.FLOOR).compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
            BigDecimal price = fine ? FINE_PRICE : COARSE_PRICE;
            long tokens = left.divide(price, 0, RoundingMode.FLOOR).longValueExact();
            if (tokens < 1) {
                System.out.println("FuzzTest: no hold probe for " + what + " " + left + ": less than one probe token");
                return;
            }
            HttpResponse<String> response = api.call(role, "POST", "/api/v1/chat/completions", """
                    {"model":"%s","max_tokens":%d,"messages":[{"role":"user","content":"probe"}]}"""
                    .formatted(fine ? "fuzz/probe-fine" : "fuzz/probe-coarse", tokens));
            if (response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() != 402 || System.nanoTime() > until) {
                throw new AssertionError("a request holding all of " + what + " " + left + " (" + tokens + " tokens at "
                        + price + ") must be admitted once nothing is held, but after " + settleBound + ": "
                        + response.statusCode() + " " + response.body());
            }
            Thread.sleep(100);
        }
    }

    private JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parseExact(response.body().getBytes());
    }

    private <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        return poll(probe).orElseThrow(() -> new AssertionError("gave up waiting for " + what + " after " + settleBound));
    }

    /** The probe's first value within the bound; empty if it had none by then. */
    private <T> Optional<T> poll(Supplier<Optional<T>> probe) throws InterruptedException {
        long until = System.nanoTime() + settleBound.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent() || System.nanoTime() > until) {
                return value;
            }
            Thread.sleep(50);
        }
    }
}
