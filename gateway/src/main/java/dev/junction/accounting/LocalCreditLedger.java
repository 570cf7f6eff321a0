package dev.junction.accounting;

import dev.junction.money.Money;
import dev.junction.keys.ApiKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Holds, settles and releases credit in memory, so no request waits on the database: a request reserves
 * its worst-case cost against the key's remaining limit, each budget of the key's workspace and the account's
 * balance, atomically; when it ends, the hold is replaced by the exact cost. A key (or a workspace) can therefore
 * never spend past its limit, however many requests race for it. Budgets are loaded from the store once per key,
 * workspace and account (off the event loops) and kept; the store's figures lag behind by the write-behind
 * interval, the ledger's never do. A workspace's limits are replaced when they change ({@link #workspaceChanged}).
 * Exact for one instance; a cluster shares its budgets through Redis instead ({@code cluster.RedisLedger}).
 */
public final class LocalCreditLedger implements CreditLedger {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCreditLedger.class);

    private final Vertx vertx;
    private final SpendingHistory usage;
    private final InstantSource clock;
    private final boolean enforceBalance;
    private final ConcurrentHashMap<String, KeyBudget> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AccountBudget> accounts = new ConcurrentHashMap<>();
    /** Each workspace's running spending (periods as a key's), by workspace id. */
    private final ConcurrentHashMap<String, KeyBudget> workspaces = new ConcurrentHashMap<>();
    /** Each workspace's limits: loaded with its spending, replaced (never overtaken by a load) when they change. */
    private final ConcurrentHashMap<String, WorkspaceLimits> workspaceLimits = new ConcurrentHashMap<>();

    public LocalCreditLedger(Vertx vertx, SpendingHistory usage, InstantSource clock, boolean enforceBalance) {
        this.vertx = vertx;
        this.usage = usage;
        this.clock = clock;
        this.enforceBalance = enforceBalance;
    }

    /**
     * Reserves {@code worstCase} for a request of {@code key}. Fails with
     * {@link InsufficientCreditsException} when the key's remaining limit or the account's balance
     * cannot cover it.
     */
    @Override
    public Future<Hold> hold(ApiKey key, Money worstCase) {
        return holdWhenLoaded(key, worstCase).map(Supplier::get);
    }

    /**
     * The same hold in two steps: the budgets are loaded (asynchronously, the first time), then the returned
     * supplier reserves synchronously, throwing {@link InsufficientCreditsException} when it cannot. For a
     * caller that must decide the hold together with something else under a lock of its own
     * ({@code limits.LocalAdmission}: a request refused for credit must not count against its rate limits).
     */
    public Future<Supplier<Hold>> holdWhenLoaded(ApiKey key, Money worstCase) {
        return loaded(key).map(budgets -> () -> reserve(key, budgets, worstCase));
    }

    /** Locks key, then workspace, then account: every path that takes more than one takes them in this order. */
    private Hold reserve(ApiKey key, Budgets budgets, Money amount) {
        KeyBudget kb = budgets.key();
        KeyBudget wb = budgets.workspace();
        AccountBudget ab = budgets.account();
        LocalDate today = UsagePeriods.day(clock.instant());
        synchronized (kb) {
            kb.roll(today);
            if (key.limit().isPresent()) {
                Money remaining = key.limit().get().minus(kb.limitUsage(key.limitReset())).minus(kb.held);
                if (amount.compareTo(remaining) > 0) {
                    throw InsufficientCreditsException.keyLimit(key, amount, remaining);
                }
            }
            synchronized (wb) {
                wb.roll(today);
                WorkspaceLimits limits = workspaceLimits.getOrDefault(key.workspace(), WorkspaceLimits.NONE);
                for (var limit : limits.limits().entrySet()) {
                    Money remaining = limit.getValue().minus(wb.limitUsage(limit.getKey().reset())).minus(wb.held);
                    if (amount.compareTo(remaining) > 0) {
                        throw InsufficientCreditsException.workspaceBudget(key.workspace(), limit.getKey(), limit.getValue(),
                                amount, remaining);
                    }
                }
                synchronized (ab) {
                    if (enforceBalance && amount.compareTo(ab.available()) > 0) {
                        throw InsufficientCreditsException.balance(amount, ab.available());
                    }
                    ab.held = ab.held.plus(amount);
                }
                wb.held = wb.held.plus(amount);
            }
            kb.held = kb.held.plus(amount);
        }
        return new Hold(key, amount, Hold.LOCAL);
    }

    /** Replaces the hold with the exact cost. A cost above the hold is still charged in full (and logged). */
    @Override
    public void settle(Hold hold, Money actual, String generationId) {
        settle(hold, actual, false);
    }

    @Override
    public void settle(Hold hold, Money actual, String generationId, boolean byok) {
        settle(hold, actual, byok);
    }

    @Override
    public void release(Hold hold) {
        settle(hold, Money.ZERO, false);
    }

    private void settle(Hold hold, Money actual, boolean byok) {
        if (actual.compareTo(hold.amount()) > 0) {
            LOG.warn("charge {} exceeded its hold {} for key {}", actual, hold.amount(), hold.key().label());
        }
        KeyBudget kb = keys.get(hold.key().hash());
        KeyBudget wb = workspaces.get(hold.key().workspace());
        AccountBudget ab = accounts.get(hold.key().accountId());
        LocalDate today = UsagePeriods.day(clock.instant());
        synchronized (kb) {
            kb.roll(today);
            kb.held = kb.held.minus(hold.amount());
            kb.charge(CreditLedger.countsTowardKeyLimit(hold.key(), byok) ? actual : Money.ZERO);
        }
        boolean counts = !byok || workspaceLimits.getOrDefault(hold.key().workspace(), WorkspaceLimits.NONE).includeByok();
        synchronized (wb) {
            wb.roll(today);
            wb.held = wb.held.minus(hold.amount());
            wb.charge(counts ? actual : Money.ZERO);
        }
        synchronized (ab) {
            ab.held = ab.held.minus(hold.amount());
            ab.usage = ab.usage.plus(actual);
        }
    }

    /** The key's settled spending, as of now. */
    @Override
    public Future<Spending> spending(ApiKey key) {
        return loaded(key).map(b -> {
            synchronized (b.key()) {
                b.key().roll(UsagePeriods.day(clock.instant()));
                return b.key().spending();
            }
        });
    }

    /** The account's credits and settled usage, as of now. */
    @Override
    public Future<AccountSpending> account(String accountId) {
        return loadedAccount(accountId).map(ab -> {
            synchronized (ab) {
                return new AccountSpending(ab.credits, ab.usage);
            }
        });
    }

    /** Records credits just granted in the store, so the balance reflects them at once. */
    @Override
    public Future<Void> granted(String accountId, Money amount) {
        AccountBudget ab = accounts.get(accountId);
        if (ab != null) {
            synchronized (ab) {
                ab.credits = ab.credits.plus(amount);
            }
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> workspaceChanged(String workspaceId, WorkspaceLimits limits) {
        workspaceLimits.put(workspaceId, limits);
        return Future.succeededFuture();
    }

    /** Re-reads the credits of loaded accounts, picking up grants made outside this process (the CLI). Blocking. */
    @Override
    public void refreshCreditsBlocking() {
        for (var e : accounts.entrySet()) {
            Money credits = usage.totalCredits(e.getKey());
            synchronized (e.getValue()) {
                e.getValue().credits = credits;
            }
        }
    }

    private record Budgets(KeyBudget key, KeyBudget workspace, AccountBudget account) {}

    private Future<Budgets> loaded(ApiKey key) {
        KeyBudget kb = keys.get(key.hash());
        KeyBudget wb = workspaces.get(key.workspace());
        AccountBudget ab = accounts.get(key.accountId());
        if (kb != null && wb != null && ab != null) {
            return Future.succeededFuture(new Budgets(kb, wb, ab));
        }
        return loadedAccount(key.accountId()).compose(account -> loadedWorkspace(key.accountId(), key.workspace())
                .compose(workspace -> {
                    KeyBudget existing = keys.get(key.hash());
                    if (existing != null) {
                        return Future.succeededFuture(new Budgets(existing, workspace, account));
                    }
                    return vertx.executeBlocking(() -> usage.keyUsage(key.hash(), UsagePeriods.day(clock.instant())), false)
                            .map(totals -> new Budgets(keys.computeIfAbsent(key.hash(),
                                    h -> new KeyBudget(spending(totals), UsagePeriods.day(clock.instant()))), workspace, account));
                }));
    }

    /** The workspace's spending and limits, read together from the store the first time. */
    private Future<KeyBudget> loadedWorkspace(String accountId, String workspaceId) {
        KeyBudget wb = workspaces.get(workspaceId);
        if (wb != null) {
            return Future.succeededFuture(wb);
        }
        return vertx.executeBlocking(() -> {
            LocalDate today = UsagePeriods.day(clock.instant());
            WorkspaceLimits limits = usage.workspaceLimits(workspaceId);
            KeyBudget loaded = new KeyBudget(spending(usage.workspaceUsage(accountId, workspaceId, today)), today);
            workspaceLimits.putIfAbsent(workspaceId, limits);
            return workspaces.computeIfAbsent(workspaceId, id -> loaded);
        }, false);
    }

    private Future<AccountBudget> loadedAccount(String accountId) {
        AccountBudget ab = accounts.get(accountId);
        if (ab != null) {
            return Future.succeededFuture(ab);
        }
        return vertx.executeBlocking(() -> new AccountBudget(usage.totalCredits(accountId),
                        usage.accountUsage(accountId, UsagePeriods.day(clock.instant())).total()), false)
                .map(loaded -> accounts.computeIfAbsent(accountId, id -> loaded));
    }

    private static Spending spending(Spending t) {
        return new Spending(t.total(), t.daily(), t.weekly(), t.monthly());
    }

}
