package dev.junction.cluster;

import dev.junction.accounting.BudgetInterval;
import dev.junction.accounting.Spending;
import dev.junction.accounting.WorkspaceLimits;
import dev.junction.accounting.UsagePeriods;
import dev.junction.keys.ApiKey;
import dev.junction.store.BudgetSeed;
import dev.junction.store.UsageRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Seeds the budgets in Redis from the database ({@code load.lua}) the first time any instance needs them —
 * and again after Redis lost them. The figures come from one snapshot together with its drain marks, and
 * each seeding gets an id of its own: what a settlement or a replayed charge needs to land exactly once.
 */
final class BudgetLoader {
    /** Budgets of keys unused this long leave Redis and are seeded afresh from the database. */
    static final long EXPIRY_MILLIS = 86_400_000L;
    private static final LuaScript LOAD = LuaScript.named("load");

    private final Vertx vertx;
    private final SharedRedis redis;
    private final UsageRepository usage;
    private final InstantSource clock;
    private final Set<String> knownAccounts = ConcurrentHashMap.newKeySet();
    /** Seedings under way, by budget. */
    private final ConcurrentHashMap<String, Future<Void>> loading = new ConcurrentHashMap<>();

    BudgetLoader(Vertx vertx, SharedRedis redis, UsageRepository usage, InstantSource clock) {
        this.vertx = vertx;
        this.redis = redis;
        this.usage = usage;
        this.clock = clock;
    }

    /** The accounts this instance has seeded or read: the ones whose credits it keeps in step. */
    Set<String> knownAccounts() {
        return knownAccounts;
    }

    /** Seeds the key's budget, its account's and its workspace's (with the workspace's limits), where missing. */
    Future<Void> load(ApiKey key) {
        return once("k:" + key.hash(), () -> seed(Optional.of(key.hash()), Optional.of(key.workspace()), key.accountId()));
    }

    /** Seeds the account's budget, where missing (or takes newer credits into it). */
    Future<Void> loadAccount(String accountId) {
        return once("a:" + accountId, () -> seed(Optional.empty(), Optional.empty(), accountId));
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
        Promise<Void> promise = Promise.promise();
        running = loading.putIfAbsent(budget, promise.future());
        if (running != null) {
            return running;
        }
        seeding.get().onComplete(result -> {
            loading.remove(budget, promise.future());
            promise.handle(result);
        });
        return promise.future();
    }

    private Future<Void> seed(Optional<String> keyHash, Optional<String> workspaceId, String accountId) {
        knownAccounts.add(accountId);
        LocalDate today = UsagePeriods.day(clock.instant());
        String workspace = workspaceId.orElse("-");
        return vertx.executeBlocking(() -> usage.budgetSeed(keyHash, workspaceId, accountId, today), false)
                .compose(seed -> redis.call(LOAD, List.of(redis.names().keyBudget(keyHash.orElse("-")),
                        redis.names().accountBudget(accountId), redis.names().workspaceBudget(workspace),
                        redis.names().workspaceLimits(workspace)), arguments(seed, today)))
                .mapEmpty();
    }

    /** A workspace's limits as load.lua and limits.lua take them: daily, weekly, monthly, lifetime ('' for none), then BYOK. */
    static List<String> limitArguments(WorkspaceLimits limits) {
        List<String> args = new ArrayList<>(5);
        for (BudgetInterval interval : BudgetInterval.values()) {
            args.add(Optional.ofNullable(limits.limits().get(interval)).map(l -> Long.toString(l.picos())).orElse(""));
        }
        args.add(limits.includeByok() ? "1" : "0");
        return args;
    }

    private static List<String> arguments(BudgetSeed seed, LocalDate today) {
        List<String> args = new ArrayList<>(12 + 2 * seed.drained().size());
        Optional<Spending> key = seed.key();
        args.add(key.map(k -> Long.toString(k.total().picos())).orElse(""));
        args.add(key.map(k -> Long.toString(k.daily().picos())).orElse(""));
        args.add(key.map(k -> Long.toString(k.weekly().picos())).orElse(""));
        args.add(key.map(k -> Long.toString(k.monthly().picos())).orElse(""));
        RedisLedger.addPeriods(args, today);
        args.add(Long.toString(seed.credits().total().picos()));
        args.add(Long.toString(seed.credits().grants()));
        args.add(Long.toString(seed.accountUsage().picos()));
        args.add(Long.toString(EXPIRY_MILLIS));
        args.add(UUID.randomUUID().toString());
        Optional<Spending> workspace = seed.workspace();
        args.add(workspace.map(w -> Long.toString(w.total().picos())).orElse(""));
        args.add(workspace.map(w -> Long.toString(w.daily().picos())).orElse(""));
        args.add(workspace.map(w -> Long.toString(w.weekly().picos())).orElse(""));
        args.add(workspace.map(w -> Long.toString(w.monthly().picos())).orElse(""));
        args.addAll(limitArguments(seed.limits()));
        for (Map.Entry<String, Long> mark : seed.drained().entrySet()) {
            args.add(mark.getKey());
            args.add(Long.toString(mark.getValue()));
        }
        return args;
    }
}
