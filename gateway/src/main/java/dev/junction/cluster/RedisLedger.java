package dev.junction.cluster;

import dev.junction.accounting.BudgetInterval;
import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.Hold;
import dev.junction.accounting.InsufficientCreditsException;
import dev.junction.accounting.LocalCreditLedger;
import dev.junction.accounting.Spending;
import dev.junction.accounting.UsagePeriods;
import dev.junction.accounting.WorkspaceLimits;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyService;
import dev.junction.limits.Admission;
import dev.junction.limits.KeyChangedException;
import dev.junction.limits.LocalAdmission;
import dev.junction.limits.LocalRateLimiter;
import dev.junction.limits.RateLimitedException;
import dev.junction.limits.RateRule;
import dev.junction.money.Money;
import dev.junction.store.Drained;
import dev.junction.store.UsageRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rate limits and credit holds shared by every instance of a cluster, in Redis. Admission is one
 * script, one round trip: the key's stamp (is the caller's copy of the key its current state?), the
 * request's rate limits, then its worst-case hold against the key's limit and the account's balance,
 * atomically — so no mix of instances can overspend, nor use a key's old limits once it has changed.
 * Settlement is a second script, sent after the response, off its path. Budgets are seeded from the
 * database the first time an instance meets a key ({@link BudgetLoader}); from then on Redis's counters
 * are ahead of the database, which the usage journal fills behind.
 *
 * <p>Holds belong to the instance that made them. Each instance keeps a presence key alive in Redis
 * ({@link Presence}); when one stops, another reclaims its holds within {@code cluster.instance-ttl}.
 *
 * <p>When Redis cannot be reached, requests fail closed (503) or, if so configured, fall back to this
 * instance's own limiter and ledger. What was charged meanwhile, and settlements that could not be sent,
 * are added to Redis's counters when it is back, each exactly once ({@link ChargeReplay}).
 */
public final class RedisLedger implements CreditLedger, Admission, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLedger.class);
    private static final long EXPIRE_CHARGES_MILLIS = 60_000;

    private static final LuaScript ADMIT = LuaScript.named("admit");
    private static final LuaScript SETTLE = LuaScript.named("settle");
    private static final LuaScript CREDITS = LuaScript.named("credits");
    private static final LuaScript LIMITS = LuaScript.named("limits");

    private final Vertx vertx;
    private final SharedRedis redis;
    private final RedisKeys names;
    private final KeyService keys;
    private final UsageRepository usage;
    private final InstantSource clock;
    private final boolean enforceBalance;
    private final LocalCreditLedger localLedger;
    private final Admission localAdmission;
    private final String instance;
    private final AtomicLong holdSequence = new AtomicLong();
    private final Presence presence;
    private final BudgetLoader budgets;
    private final ChargeReplay charges;
    /** The seeds of the budgets each outstanding hold was admitted against, by hold id: see {@code settle.lua}. */
    private final ConcurrentHashMap<String, Seeds> admittedUnder = new ConcurrentHashMap<>();
    /** Settlements and releases waiting for Redis to come back. */
    private final Queue<Settlement> unsent = new ConcurrentLinkedQueue<>();
    /** Workspace limits changed while Redis was unreachable, by workspace: put there when it is back. */
    private final ConcurrentHashMap<String, WorkspaceLimits> unsentLimits = new ConcurrentHashMap<>();
    private final long expiryTimer;

    public RedisLedger(Vertx vertx, SharedRedis redis, KeyService keys, UsageRepository usage, InstantSource clock,
                       boolean enforceBalance, LocalCreditLedger localLedger, LocalRateLimiter localLimiter) {
        this.vertx = vertx;
        this.redis = redis;
        this.names = redis.names();
        this.keys = keys;
        this.usage = usage;
        this.clock = clock;
        this.enforceBalance = enforceBalance;
        this.localLedger = localLedger;
        this.localAdmission = new LocalAdmission(localLimiter, localLedger);
        this.instance = UUID.randomUUID().toString();
        this.budgets = new BudgetLoader(vertx, redis, usage, clock);
        this.charges = new ChargeReplay(vertx, redis, budgets, clock, System::nanoTime, instance);
        this.presence = new Presence(vertx, redis, instance);
        redis.onRecovery(this::recovered);
        presence.start();
        this.expiryTimer = vertx.setPeriodic(EXPIRE_CHARGES_MILLIS, id -> charges.expire());
        LOG.info("cluster mode: rate limits and credit holds shared through Redis at {} (instance {}, {} on outage)",
                redis.where(), instance, redis.failsOpen() ? "failing open" : "failing closed");
    }

    public String instance() {
        return instance;
    }

    /** Told of every usage batch this process commits ({@code store.Store#onDrained}). */
    public void drained(Drained batch) {
        charges.drained(batch);
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
        if (!redis.isUp()) {
            return whileDown.get();
        }
        return viaRedis.get().recover(e -> {
            if (e instanceof SharedRedis.RedisUnreachable) {
                redis.failed(e.getCause());
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
            if (e instanceof SharedRedis.RedisUnreachable) {
                // The script may have run and the answer been lost: the hold would then sit in Redis with no
                // request to settle it. Releasing it (a no-op if it is not there) is queued for when Redis answers.
                unsent.add(new Settlement(key, holdId, Money.ZERO, "", Seeds.UNKNOWN, false));
            }
        });
    }

    private Future<Hold> admit(ApiKey key, List<RateRule> rules, Money worstCase, boolean mayLoad, LocalDate today,
                               String holdId) {
        String kb = names.keyBudget(key.hash());
        String ab = names.accountBudget(key.accountId());
        String wb = names.workspaceBudget(key.workspace());
        List<String> keyNames = new ArrayList<>(6 + rules.size());
        keyNames.add(kb);
        keyNames.add(ab);
        keyNames.add(names.holds(instance));
        keyNames.add(names.keyStamp(key.hash()));
        keyNames.add(wb);
        keyNames.add(names.workspaceLimits(key.workspace()));
        List<String> args = new ArrayList<>(11 + 3 * rules.size());
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
        args.add(kb + "\n" + ab + "\n" + wb + "\n" + (-worstCase.picos()));
        args.add(Long.toString(BudgetLoader.EXPIRY_MILLIS));
        args.add(keys.stamp(key));
        for (RateRule rule : rules) {
            keyNames.add(names.rate(rule.scope()));
            args.add(Long.toString(rule.emissionMicros()));
            args.add(Long.toString(rule.toleranceMicros()));
            args.add(Long.toString(Math.max(1, rule.interval().toMillis())));
        }
        return redis.call(ADMIT, keyNames, args).compose(reply -> switch (reply.get(0).toInteger()) {
            case 0 -> {
                admittedUnder.put(holdId, new Seeds(reply.get(1).toString(), reply.get(2).toString(), reply.get(3).toString()));
                yield Future.succeededFuture(new Hold(key, worstCase, holdId));
            }
            case 1 -> mayLoad ? budgets.load(key).compose(v -> admit(key, rules, worstCase, false))
                    : Future.failedFuture(new IllegalStateException("Redis lost the budgets of key " + key.label() + " while seeding them"));
            case 2 -> Future.failedFuture(new RateLimitedException(rules.get(reply.get(1).toInteger() - 1),
                    reply.get(2).toLong(), reply.get(3).toLong()));
            case 3 -> Future.failedFuture(InsufficientCreditsException.keyLimit(key, worstCase, Money.ofPicos(reply.get(1).toLong())));
            case 4 -> Future.failedFuture(InsufficientCreditsException.balance(worstCase, Money.ofPicos(reply.get(1).toLong())));
            case 5 -> Future.failedFuture(new KeyChangedException(key.label()));
            case 6 -> Future.failedFuture(InsufficientCreditsException.workspaceBudget(key.workspace(),
                    BudgetInterval.parse(reply.get(1).toString()).orElseThrow(), Money.ofPicos(reply.get(3).toLong()), worstCase,
                    Money.ofPicos(reply.get(2).toLong())));
            default -> Future.failedFuture(new IllegalStateException("unexpected admission reply " + reply));
        });
    }

    private Future<Hold> whileDown(ApiKey key, List<RateRule> rules, Money worstCase) {
        if (redis.failsOpen()) {
            return localAdmission.admit(key, rules, worstCase);
        }
        return Future.failedFuture(new ClusterUnavailableException("The gateway cannot reach the shared rate-limit and"
                + " credit service (Redis), so it cannot check this request's limits. Try again shortly."));
    }

    // ---- settlement ----

    @Override
    public void settle(Hold hold, Money actual, String generationId) {
        settle(hold, actual, generationId, false);
    }

    @Override
    public void settle(Hold hold, Money actual, String generationId, boolean byok) {
        if (hold.isLocal()) {
            // Admitted locally while failing open: settled here, and added to Redis's counters once it is back.
            localLedger.settle(hold, actual, generationId, byok);
            if (actual.compareTo(Money.ZERO) > 0) {
                charges.chargedWhileDown(generationId, hold.key(), byok);
            }
            return;
        }
        if (actual.compareTo(Money.ZERO) > 0) {
            charges.settling(generationId, hold.key(), byok);
        }
        send(new Settlement(hold.key(), hold.id(), actual, generationId, seedsOf(hold), byok));
    }

    @Override
    public void release(Hold hold) {
        if (hold.isLocal()) {
            localLedger.release(hold);
            return;
        }
        send(new Settlement(hold.key(), hold.id(), Money.ZERO, "", seedsOf(hold), false));
    }

    private Seeds seedsOf(Hold hold) {
        Seeds seeds = admittedUnder.remove(hold.id());
        return seeds != null ? seeds : Seeds.UNKNOWN;
    }

    private void send(Settlement s) {
        LocalDate today = UsagePeriods.day(clock.instant());
        List<String> args = new ArrayList<>(7);
        args.add(s.holdId());
        args.add(Long.toString(s.cost().picos()));
        addPeriods(args, today);
        args.add(s.seeds().keyBudget());
        args.add(s.seeds().accountBudget());
        args.add(s.seeds().workspaceBudget());
        args.add(s.byok() ? "1" : "0");
        args.add(CreditLedger.countsTowardKeyLimit(s.key(), s.byok()) ? "1" : "0");
        redis.call(SETTLE, List.of(names.keyBudget(s.key().hash()), names.accountBudget(s.key().accountId()),
                        names.holds(instance), names.reclaimed(instance), names.workspaceBudget(s.key().workspace()),
                        names.workspaceLimits(s.key().workspace())), args)
                .onSuccess(reply -> {
                    if (s.charges()) {
                        charges.settled(s.generationId(), reply.get(0).toInteger() == 1, reply.get(1).toInteger() == 1,
                                reply.get(2).toInteger() == 1);
                    }
                })
                .onFailure(e -> {
                    if (e instanceof SharedRedis.RedisUnreachable) {
                        unsent.add(s);
                        redis.failed(e.getCause());
                    } else {
                        LOG.error("settling hold {} of key {} failed: {}", s.holdId(), s.key().label(), e.toString());
                    }
                });
    }

    private void recovered() {
        presence.beat();
        Settlement s;
        while ((s = unsent.poll()) != null) {
            send(s);
        }
        unsentLimits.forEach((workspaceId, limits) -> {
            if (unsentLimits.remove(workspaceId, limits)) {
                putLimits(workspaceId, limits);
            }
        });
        charges.replay();
    }

    /** Charges not yet certain in Redis's counters: settlements unanswered or unsent, charges made while it was down. */
    public int unsentSettlements() {
        return charges.outstanding();
    }

    /** The seeds of a hold's key, account and workspace budgets at its admission; {@link #UNKNOWN} matches no budget. */
    private record Seeds(String keyBudget, String accountBudget, String workspaceBudget) {
        static final Seeds UNKNOWN = new Seeds("?", "?", "?");
    }

    /** @param byok made with the account's own provider key: counted toward the workspace only if it says so */
    private record Settlement(ApiKey key, String holdId, Money cost, String generationId, Seeds seeds, boolean byok) {
        boolean charges() {
            return cost.compareTo(Money.ZERO) > 0;
        }
    }

    // ---- reading ----

    @Override
    public Future<Spending> spending(ApiKey key) {
        return shared(() -> readSpending(key, true), () -> localLedger.spending(key));
    }

    private Future<Spending> readSpending(ApiKey key, boolean mayLoad) {
        Request hmget = Request.cmd(Command.HMGET).arg(names.keyBudget(key.hash()))
                .arg("total").arg("d").arg("w").arg("m").arg("day").arg("week").arg("month");
        return redis.send(hmget).compose(r -> {
            if (r.get(0) == null) {
                return mayLoad ? budgets.load(key).compose(v -> readSpending(key, false)) : Future.succeededFuture(Spending.ZERO);
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
        return redis.send(Request.cmd(Command.HMGET).arg(names.accountBudget(accountId)).arg("credits").arg("usage")).compose(r -> {
            if (r.get(0) == null) {
                return mayLoad ? budgets.loadAccount(accountId).compose(v -> readAccount(accountId, false))
                        : Future.succeededFuture(new AccountSpending(Money.ZERO, Money.ZERO));
            }
            return Future.succeededFuture(new AccountSpending(picos(r.get(0)), picos(r.get(1))));
        });
    }

    // ---- workspace budgets ----

    /**
     * Puts the workspace's limits, as the database has them now, into Redis before the change is answered, so every
     * instance's next admission holds to them (limits.lua). Should Redis be unreachable, they are put there when it
     * is back; meanwhile instances failing open hold to their own copy, which this instance's is.
     */
    @Override
    public Future<Void> workspaceChanged(String workspaceId, WorkspaceLimits limits) {
        localLedger.workspaceChanged(workspaceId, limits);
        unsentLimits.remove(workspaceId);
        return putLimits(workspaceId, limits);
    }

    private Future<Void> putLimits(String workspaceId, WorkspaceLimits limits) {
        List<String> args = new ArrayList<>(BudgetLoader.limitArguments(limits));
        args.add(Long.toString(BudgetLoader.EXPIRY_MILLIS));
        return redis.call(LIMITS, List.of(names.workspaceLimits(workspaceId)), args).<Void>mapEmpty().recover(e -> {
            LOG.warn("could not put the limits of workspace {} into Redis ({}); they go there when it is back", workspaceId,
                    e.toString());
            unsentLimits.put(workspaceId, limits);
            if (e instanceof SharedRedis.RedisUnreachable) {
                redis.failed(e.getCause());
            }
            return Future.succeededFuture();
        });
    }

    // ---- credits granted ----

    /**
     * Puts the account's credits as the database has them now (the grant included) into Redis before the
     * grant is answered, so every instance admits against them at once. Should Redis be unreachable, the
     * grant stands (it is in the database) and reaches Redis with the next credit refresh after its return.
     */
    @Override
    public Future<Void> granted(String accountId, Money amount) {
        localLedger.granted(accountId, amount);
        return vertx.executeBlocking(() -> usage.credits(accountId), false)
                .compose(credits -> redis.call(CREDITS, List.of(names.accountBudget(accountId)),
                        List.of(Long.toString(credits.total().picos()), Long.toString(credits.grants()))))
                .compose(loaded -> loaded.toInteger() == 1 ? Future.<Void>succeededFuture() : budgets.loadAccount(accountId))
                .recover(e -> {
                    LOG.warn("could not put a grant to account {} into Redis ({}); the next credit refresh will", accountId, e.toString());
                    if (e instanceof SharedRedis.RedisUnreachable) {
                        redis.failed(e.getCause());
                    }
                    return Future.succeededFuture();
                });
    }

    /** Grants made outside the gateway (the CLI without Redis configured) reach Redis within the refresh interval. */
    @Override
    public void refreshCreditsBlocking() {
        localLedger.refreshCreditsBlocking();
        for (String accountId : budgets.knownAccounts()) {
            var credits = usage.credits(accountId);
            redis.call(CREDITS, List.of(names.accountBudget(accountId)),
                    List.of(Long.toString(credits.total().picos()), Long.toString(credits.grants())));
        }
    }

    // ---- plumbing ----

    static void addPeriods(List<String> args, LocalDate today) {
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

    @Override
    public void close() {
        vertx.cancelTimer(expiryTimer);
        presence.close();
    }
}
