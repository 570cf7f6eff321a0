package dev.junction.cluster;

import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.Hold;
import dev.junction.accounting.InsufficientCreditsException;
import dev.junction.accounting.LocalCreditLedger;
import dev.junction.money.Money;
import dev.junction.accounting.Spending;
import dev.junction.accounting.UsagePeriods;
import dev.junction.config.ClusterConfig;
import dev.junction.config.ClusterConfig.OnOutage;
import dev.junction.keys.ApiKey;
import dev.junction.limits.Admission;
import dev.junction.limits.LocalAdmission;
import dev.junction.limits.LocalRateLimiter;
import dev.junction.limits.RateLimitedException;
import dev.junction.limits.RateRule;
import dev.junction.store.UsageRepository;
import dev.junction.accounting.Spending;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rate limits and credit holds shared by every instance of a cluster, in Redis. Admission is one
 * script, one round trip: the request's rate limits, then its worst-case hold against the key's limit
 * and the account's balance, atomically — so no mix of instances can overspend. Settlement is a second
 * script, sent after the response, off its path. Budgets are seeded from the database the first time an
 * instance meets a key; from then on Redis's counters are ahead of the database, which the usage journal
 * fills behind.
 *
 * <p>Holds belong to the instance that made them. Each instance keeps a presence key alive in Redis
 * ({@link Presence}); when one stops, another reclaims its holds after {@code cluster.instance-ttl}.
 *
 * <p>When Redis cannot be reached, requests fail closed (503) or, if so configured, fall back to this
 * instance's own limiter and ledger; what was spent meanwhile is added to Redis's counters when it is
 * back, as are settlements that could not be sent.
 */
public final class RedisLedger implements CreditLedger, Admission, SharedService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLedger.class);
    /** Budgets of keys unused this long leave Redis and are seeded afresh from the database. */
    private static final long BUDGET_EXPIRY_MILLIS = 86_400_000L;
    private static final long WARM_UP_SECONDS = 5;

    private static final LuaScript ADMIT = LuaScript.named("admit");
    private static final LuaScript SETTLE = LuaScript.named("settle");
    private static final LuaScript LOAD = LuaScript.named("load");
    private static final LuaScript CREDITS = LuaScript.named("credits");

    private final Vertx vertx;
    private final RedisLink redis;
    private final RedisKeys names;
    private final ClusterConfig config;
    private final UsageRepository usage;
    private final InstantSource clock;
    private final boolean enforceBalance;
    private final LocalCreditLedger localLedger;
    private final Admission localAdmission;
    private final String instance;
    private final AtomicLong holdSequence = new AtomicLong();
    private final RedisHealth health;
    private final Presence presence;
    private final Set<String> knownAccounts = ConcurrentHashMap.newKeySet();
    /** Seedings from the database under way, by budget. */
    private final ConcurrentHashMap<String, Future<Void>> loading = new ConcurrentHashMap<>();
    /** Settlements and fail-open charges waiting for Redis to come back. */
    private final Queue<Settlement> unsent = new ConcurrentLinkedQueue<>();

    public RedisLedger(Vertx vertx, ClusterConfig config, UsageRepository usage, InstantSource clock,
                       boolean enforceBalance, LocalCreditLedger localLedger, LocalRateLimiter localLimiter) {
        this.vertx = vertx;
        this.config = config;
        String url = config.redisUrl().orElseThrow();
        this.redis = new RedisLink(vertx, url);
        this.names = new RedisKeys(config.keyPrefix());
        this.usage = usage;
        this.clock = clock;
        this.enforceBalance = enforceBalance;
        this.localLedger = localLedger;
        this.localAdmission = new LocalAdmission(localLimiter, localLedger);
        this.instance = UUID.randomUUID().toString();
        String where = redacted(url);
        this.health = new RedisHealth(vertx, redis, where, config.redisTimeout().toMillis(), this::recovered);
        this.presence = new Presence(vertx, redis, names, instance, config.instanceTtl(), health, config.redisTimeout().toMillis());
        warmUp();
        presence.start();
        LOG.info("cluster mode: rate limits and credit holds shared through Redis at {} (instance {}, {} on outage)",
                where, instance, config.onOutage() == OnOutage.FAIL_OPEN ? "failing open" : "failing closed");
    }

    /**
     * Opens the first connection before traffic arrives, with more patience than a request gets: a cold
     * start (class loading, connection set-up) must not count as an outage. Redis being down at start is
     * not fatal; it is reported, and picked up when it comes.
     */
    private void warmUp() {
        try {
            redis.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture().get(WARM_UP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            health.failed(e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e, outcome());
        }
    }

    public String instance() {
        return instance;
    }

    // ---- admission ----

    @Override
    public Future<Hold> admit(ApiKey key, List<RateRule> rules, Money worstCase) {
        return shared(() -> admit(key, rules, worstCase, true), () -> whileDown(key, rules, worstCase));
    }

    /**
     * Asks Redis, or — while it is down, or when this call finds it down — answers from {@code whileDown}.
     * Errors Redis reports (a bug) and refusals (429, 402) pass through as they are.
     */
    private <T> Future<T> shared(Supplier<Future<T>> viaRedis, Supplier<Future<T>> whileDown) {
        if (!health.isUp()) {
            return whileDown.get();
        }
        return viaRedis.get().recover(e -> {
            if (e instanceof RedisUnreachable) {
                health.failed(e.getCause(), outcome());
                return whileDown.get();
            }
            return Future.failedFuture(e);
        });
    }

    @Override
    public Future<Hold> hold(ApiKey key, Money worstCase) {
        return admit(key, List.of(), worstCase);
    }

    private Future<Hold> admit(ApiKey key, List<RateRule> rules, Money worstCase, boolean mayLoad) {
        LocalDate today = UsagePeriods.day(clock.instant());
        String holdId = instance + ":" + holdSequence.incrementAndGet();
        Future<Hold> admitted = admit(key, rules, worstCase, mayLoad, today, holdId);
        return admitted.onFailure(e -> {
            if (e instanceof RedisUnreachable) {
                // The script may have run and the answer been lost: the hold would then sit in Redis with no
                // request to settle it. Releasing it (a no-op if it is not there) is queued for when Redis answers.
                unsent.add(new Settlement(key, holdId, Money.ZERO));
            }
        });
    }

    private Future<Hold> admit(ApiKey key, List<RateRule> rules, Money worstCase, boolean mayLoad, LocalDate today,
                               String holdId) {
        String kb = names.keyBudget(key.hash());
        String ab = names.accountBudget(key.accountId());
        List<String> keys = new ArrayList<>(3 + rules.size());
        keys.add(kb);
        keys.add(ab);
        keys.add(names.holds(instance));
        List<String> args = new ArrayList<>(10 + 3 * rules.size());
        args.add(Long.toString(worstCase.picos()));
        args.add(key.limit().map(l -> Long.toString(l.picos())).orElse(""));
        args.add(key.limitReset().map(r -> switch (r) {
            case DAILY -> "d";
            case WEEKLY -> "w";
            case MONTHLY -> "m";
        }).orElse("total"));
        args.add(enforceBalance ? "1" : "0");
        addPeriods(args, today);
        args.add(holdId);
        args.add(kb + "\n" + ab + "\n" + (-worstCase.picos()));
        args.add(Long.toString(BUDGET_EXPIRY_MILLIS));
        for (RateRule rule : rules) {
            keys.add(names.rate(rule.scope()));
            args.add(Long.toString(rule.emissionMicros()));
            args.add(Long.toString(rule.toleranceMicros()));
            args.add(Long.toString(Math.max(1, rule.interval().toMillis())));
        }
        return call(ADMIT, keys, args).compose(reply -> switch (reply.get(0).toInteger()) {
            case 0 -> Future.succeededFuture(new Hold(key, worstCase, holdId));
            case 1 -> mayLoad ? load(key).compose(v -> admit(key, rules, worstCase, false))
                    : Future.failedFuture(new IllegalStateException("Redis lost the budgets of key " + key.label() + " while seeding them"));
            case 2 -> Future.failedFuture(new RateLimitedException(rules.get(reply.get(1).toInteger() - 1),
                    reply.get(2).toLong(), reply.get(3).toLong()));
            case 3 -> Future.failedFuture(InsufficientCreditsException.keyLimit(key, worstCase, Money.ofPicos(reply.get(1).toLong())));
            case 4 -> Future.failedFuture(InsufficientCreditsException.balance(worstCase, Money.ofPicos(reply.get(1).toLong())));
            default -> Future.failedFuture(new IllegalStateException("unexpected admission reply " + reply));
        });
    }

    private Future<Hold> whileDown(ApiKey key, List<RateRule> rules, Money worstCase) {
        if (config.onOutage() == OnOutage.FAIL_OPEN) {
            return localAdmission.admit(key, rules, worstCase);
        }
        return Future.failedFuture(new ClusterUnavailableException("The gateway cannot reach the shared rate-limit and"
                + " credit service (Redis), so it cannot check this request's limits. Try again shortly."));
    }

    // ---- settlement ----

    @Override
    public void settle(Hold hold, Money actual) {
        if (hold.isLocal()) {
            // Admitted locally while failing open: settle here, and add the charge to Redis once it is back.
            localLedger.settle(hold, actual);
            unsent.add(new Settlement(hold.key(), "", actual));
            if (health.isUp()) {
                resend();
            }
            return;
        }
        send(new Settlement(hold.key(), hold.id(), actual));
    }

    private void send(Settlement s) {
        LocalDate today = UsagePeriods.day(clock.instant());
        List<String> args = new ArrayList<>(5);
        args.add(s.holdId());
        args.add(Long.toString(s.cost().picos()));
        addPeriods(args, today);
        call(SETTLE, List.of(names.keyBudget(s.key().hash()), names.accountBudget(s.key().accountId()), names.holds(instance)), args)
                .onFailure(e -> {
                    if (e instanceof RedisUnreachable) {
                        unsent.add(s);
                        health.failed(e.getCause(), outcome());
                    } else {
                        LOG.error("settling hold {} of key {} failed: {}", s.holdId(), s.key().label(), e.toString());
                    }
                });
    }

    private void recovered() {
        presence.beat();
        resend();
    }

    private void resend() {
        Settlement s;
        while ((s = unsent.poll()) != null) {
            send(s);
        }
    }

    /** Settlements not yet in Redis (it was unreachable). */
    public int unsentSettlements() {
        return unsent.size();
    }

    private record Settlement(ApiKey key, String holdId, Money cost) {}

    // ---- reading ----

    @Override
    public Future<Spending> spending(ApiKey key) {
        return shared(() -> readSpending(key, true), () -> localLedger.spending(key));
    }

    private Future<Spending> readSpending(ApiKey key, boolean mayLoad) {
        Request hmget = Request.cmd(Command.HMGET).arg(names.keyBudget(key.hash()))
                .arg("total").arg("d").arg("w").arg("m").arg("day").arg("week").arg("month");
        return send(hmget).compose(r -> {
            if (r.get(0) == null) {
                return mayLoad ? load(key).compose(v -> readSpending(key, false)) : Future.succeededFuture(Spending.ZERO);
            }
            LocalDate today = UsagePeriods.day(clock.instant());
            Money total = picos(r.get(0));
            Money daily = today.toString().equals(text(r.get(4))) ? picos(r.get(1)) : Money.ZERO;
            Money weekly = UsagePeriods.weekStart(today).toString().equals(text(r.get(5))) ? picos(r.get(2)) : Money.ZERO;
            Money monthly = UsagePeriods.monthStart(today).toString().equals(text(r.get(6))) ? picos(r.get(3)) : Money.ZERO;
            return Future.succeededFuture(new Spending(total, daily, weekly, monthly));
        });
    }

    @Override
    public Future<AccountSpending> account(String accountId) {
        return shared(() -> readAccount(accountId, true), () -> localLedger.account(accountId));
    }

    private Future<AccountSpending> readAccount(String accountId, boolean mayLoad) {
        return send(Request.cmd(Command.HMGET).arg(names.accountBudget(accountId)).arg("credits").arg("usage")).compose(r -> {
            if (r.get(0) == null) {
                return mayLoad ? loadAccount(accountId).compose(v -> readAccount(accountId, false))
                        : Future.succeededFuture(new AccountSpending(Money.ZERO, Money.ZERO));
            }
            return Future.succeededFuture(new AccountSpending(picos(r.get(0)), picos(r.get(1))));
        });
    }

    // ---- credits granted ----

    @Override
    public void granted(String accountId, Money amount) {
        localLedger.granted(accountId, amount);
        call(CREDITS, List.of(names.accountBudget(accountId)), List.of("add", Long.toString(amount.picos())))
                .onFailure(e -> LOG.warn("could not add a grant to account {} in Redis ({}); the next credit refresh will", accountId, e.toString()));
    }

    @Override
    public void refreshCreditsBlocking() {
        localLedger.refreshCreditsBlocking();
        for (String accountId : knownAccounts) {
            Money credits = usage.totalCredits(accountId);
            call(CREDITS, List.of(names.accountBudget(accountId)), List.of("set", Long.toString(credits.picos())));
        }
    }

    // ---- seeding from the database ----

    private Future<Void> load(ApiKey key) {
        return once("k:" + key.hash(), () -> {
            LocalDate today = UsagePeriods.day(clock.instant());
            return vertx.executeBlocking(() -> new Seed(usage.keyUsage(key.hash(), today), usage.totalCredits(key.accountId()),
                            usage.accountUsage(key.accountId(), today).total()), false)
                    .compose(seed -> seed(names.keyBudget(key.hash()), key.accountId(), seed, today));
        });
    }

    private Future<Void> loadAccount(String accountId) {
        return once("a:" + accountId, () -> {
            LocalDate today = UsagePeriods.day(clock.instant());
            return vertx.executeBlocking(() -> new Seed(null, usage.totalCredits(accountId),
                            usage.accountUsage(accountId, today).total()), false)
                    .compose(seed -> seed(names.keyBudget("-"), accountId, seed, today));
        });
    }

    /**
     * One seeding at a time per budget: a burst of requests for a key no instance has loaded yet waits
     * for one database read instead of making one each.
     */
    private Future<Void> once(String budget, Supplier<Future<Void>> seeding) {
        Future<Void> running = loading.get(budget);
        if (running != null) {
            return running;
        }
        io.vertx.core.Promise<Void> promise = io.vertx.core.Promise.promise();
        Future<Void> mine = promise.future();
        running = loading.putIfAbsent(budget, mine);
        if (running != null) {
            return running;
        }
        seeding.get().onComplete(result -> {
            loading.remove(budget, mine);
            promise.handle(result);
        });
        return mine;
    }

    private Future<Void> seed(String keyBudget, String accountId, Seed seed, LocalDate today) {
        knownAccounts.add(accountId);
        List<String> args = new ArrayList<>(10);
        Spending t = seed.key();
        args.add(t == null ? "" : Long.toString(t.total().picos()));
        args.add(t == null ? "" : Long.toString(t.daily().picos()));
        args.add(t == null ? "" : Long.toString(t.weekly().picos()));
        args.add(t == null ? "" : Long.toString(t.monthly().picos()));
        addPeriods(args, today);
        args.add(Long.toString(seed.credits().picos()));
        args.add(Long.toString(seed.accountUsage().picos()));
        args.add(Long.toString(BUDGET_EXPIRY_MILLIS));
        return call(LOAD, List.of(keyBudget, names.accountBudget(accountId)), args).mapEmpty();
    }

    private record Seed(Spending key, Money credits, Money accountUsage) {}

    // ---- plumbing ----

    private Future<Response> call(LuaScript script, List<String> keys, List<String> args) {
        return script.run(redis, keys, args, config.redisTimeout().toMillis()).recover(RedisLedger::classify);
    }

    private Future<Response> send(Request request) {
        return redis.send(request).timeout(config.redisTimeout().toMillis(), TimeUnit.MILLISECONDS).recover(RedisLedger::classify);
    }

    /** A script or command error is a bug and stays one; anything else means Redis is out of reach. */
    private static Future<Response> classify(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("ERR") || message.startsWith("WRONGTYPE") || message.startsWith("NOSCRIPT")) {
            return Future.failedFuture(new IllegalStateException("Redis refused a command: " + message, e));
        }
        return Future.failedFuture(new RedisUnreachable(e));
    }

    private String outcome() {
        return config.onOutage() == OnOutage.FAIL_OPEN
                ? "failing open: each instance enforces limits and holds on its own"
                : "failing closed: completion requests get 503";
    }

    private static void addPeriods(List<String> args, LocalDate today) {
        args.add(today.toString());
        args.add(UsagePeriods.weekStart(today).toString());
        args.add(UsagePeriods.monthStart(today).toString());
    }

    private static Money picos(Response r) {
        return r == null ? Money.ZERO : Money.ofPicos(Long.parseLong(r.toString()));
    }

    private static String text(Response r) {
        return r == null ? "" : r.toString();
    }

    /** The URL without its password, for logs. */
    private static String redacted(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(the configured URL)";
        }
    }

    // ---- readiness ----

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean ready() {
        return health.isUp() || config.onOutage() == OnOutage.FAIL_OPEN;
    }

    @Override
    public String state() {
        if (health.isUp()) {
            return "up";
        }
        return config.onOutage() == OnOutage.FAIL_OPEN ? "down (failing open)" : "down";
    }

    @Override
    public void close() {
        health.close();
        presence.close();
        redis.close();
    }

    /** Redis did not answer: a connection failure or a timeout, as opposed to an error it reported. */
    private static final class RedisUnreachable extends RuntimeException {
        RedisUnreachable(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
