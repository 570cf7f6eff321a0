package dev.junction.cluster;

import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.UsagePeriods;
import dev.junction.keys.ApiKey;
import dev.junction.store.Drained;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The charges whose place in Redis's budgets is not certain yet, followed until it is. A charge normally
 * lands with its settlement, and is forgotten when the settlement's answer says so. It is replayed
 * instead when it was made while Redis was unreachable (failing open), or when its settlement found a
 * budget gone or seeded anew from the database: the seed may already contain it, which depends on
 * whether its usage record was in the database when the seed was read. So a replayed charge waits until
 * its record is committed — the batch's mark then tells, against each budget's seed marks, whether the
 * budget has it ({@code replay.lua}) — and every charge lands exactly once, whichever instance sees Redis
 * return first and whichever seeds the budgets.
 *
 * <p>Charges are kept in memory: those of an instance that dies before replaying them are missing from
 * Redis (never from the database) until the budgets are seeded again.
 */
final class ChargeReplay {
    private static final Logger LOG = LoggerFactory.getLogger(ChargeReplay.class);
    private static final LuaScript REPLAY = LuaScript.named("replay");
    /** Charges replayed in one script run. */
    private static final int CHUNK = 100;
    /**
     * A charge not replayed after this long is given up (logged): far inside the horizon within which
     * budgets are seeded with an instance's drain mark ({@code store.jdbc.JdbcUsageRepository}).
     */
    static final Duration MAX_WAIT = Duration.ofDays(1);
    private static final long MARKER_EXPIRY_MILLIS = Duration.ofHours(1).toMillis();
    private static final long RETRY_MILLIS = 5_000;

    private final Vertx vertx;
    private final SharedRedis redis;
    private final BudgetLoader budgets;
    private final InstantSource clock;
    private final LongSupplier nanos;
    private final String markers;
    private final ConcurrentHashMap<String, Charge> charges = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Charge> ready = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean replaying = new AtomicBoolean();

    ChargeReplay(Vertx vertx, SharedRedis redis, BudgetLoader budgets, InstantSource clock, LongSupplier nanos,
                 String instance) {
        this.vertx = vertx;
        this.redis = redis;
        this.budgets = budgets;
        this.clock = clock;
        this.nanos = nanos;
        this.markers = redis.names().replayed(instance);
    }

    /**
     * Which budgets a charge is still owed to: the key's, the account's, the workspace's — which counts a BYOK
     * charge only if its limits say so, as replay.lua checks.
     */
    record Owed(boolean key, boolean account, boolean workspace) {
        static final Owed ALL = new Owed(true, true, true);

        /** @param countsForKey whether the key's limit counts this charge (a BYOK one only if the key says so) */
        String code(boolean byok, boolean countsForKey) {
            return (key && countsForKey ? "k" : "") + (account ? "a" : "") + (workspace ? "w" : "") + (byok ? "b" : "");
        }
    }

    /** One generation's charge. Its mutable fields are guarded by itself. */
    private static final class Charge {
        final String generationId;
        final ApiKey key;
        final boolean byok;
        final long since;
        /** Null until its settlement's answer tells. */
        Owed owed;
        /** Set once its usage record is committed. */
        Drained batch;
        GenerationRecord record;
        boolean queued;

        Charge(String generationId, ApiKey key, boolean byok, long since, Owed owed) {
            this.generationId = generationId;
            this.key = key;
            this.byok = byok;
            this.since = since;
            this.owed = owed;
        }
    }

    /** A settlement carrying this charge (made with a BYOK key or not) is about to be sent: follow it until its answer. */
    void settling(String generationId, ApiKey key, boolean byok) {
        charges.put(generationId, new Charge(generationId, key, byok, nanos.getAsLong(), null));
    }

    /** The settlement's answer: where the charge is accounted for now; the rest is replayed. */
    void settled(String generationId, boolean inKeyBudget, boolean inAccountBudget, boolean inWorkspaceBudget) {
        if (inKeyBudget && inAccountBudget && inWorkspaceBudget) {
            charges.remove(generationId);
            return;
        }
        Charge charge = charges.get(generationId);
        if (charge != null) {
            synchronized (charge) {
                charge.owed = new Owed(!inKeyBudget, !inAccountBudget, !inWorkspaceBudget);
            }
            queueIfReady(charge);
        }
    }

    /** Charged while Redis was unreachable: owed to every budget, replayed once Redis is back. */
    void chargedWhileDown(String generationId, ApiKey key, boolean byok) {
        charges.put(generationId, new Charge(generationId, key, byok, nanos.getAsLong(), Owed.ALL));
    }

    /** A usage batch was committed (on the store's writer thread): the charges among it learn their mark. */
    void drained(Drained batch) {
        if (charges.isEmpty()) {
            return;
        }
        for (GenerationRecord record : batch.generations()) {
            Charge charge = charges.get(record.id());
            if (charge != null) {
                synchronized (charge) {
                    charge.batch = batch;
                    charge.record = record;
                }
                queueIfReady(charge);
            }
        }
    }

    /** Charges not yet certain in Redis: settlements unanswered, replays not yet done. */
    int outstanding() {
        return charges.size();
    }

    private void queueIfReady(Charge charge) {
        synchronized (charge) {
            if (charge.queued || charge.batch == null || charge.owed == null) {
                return;
            }
            charge.queued = true;
        }
        ready.add(charge);
        replay();
    }

    /** Replays what is ready, a chunk at a time, while Redis is reachable; Redis's return calls it again. */
    void replay() {
        if (ready.isEmpty() || !redis.isUp() || !replaying.compareAndSet(false, true)) {
            return;
        }
        List<Charge> chunk = new ArrayList<>(CHUNK);
        Charge next;
        while (chunk.size() < CHUNK && (next = ready.poll()) != null) {
            chunk.add(next);
        }
        if (chunk.isEmpty()) {
            replaying.set(false);
            return;
        }
        vertx.runOnContext(v -> send(chunk));
    }

    private void send(List<Charge> chunk) {
        LocalDate today = UsagePeriods.day(clock.instant());
        List<String> keys = new ArrayList<>(1 + 4 * chunk.size());
        List<String> args = new ArrayList<>(5 + 5 * chunk.size());
        keys.add(markers);
        args.add(chunk.getFirst().batch.instance());
        RedisLedger.addPeriods(args, today);
        args.add(Long.toString(MARKER_EXPIRY_MILLIS));
        for (Charge c : chunk) {
            synchronized (c) {
                keys.add(redis.names().keyBudget(c.key.hash()));
                keys.add(redis.names().accountBudget(c.key.accountId()));
                keys.add(redis.names().workspaceBudget(c.key.workspace()));
                keys.add(redis.names().workspaceLimits(c.key.workspace()));
                args.add(c.generationId);
                args.add(Long.toString(c.batch.mark()));
                args.add(Long.toString(c.record.cost().total().picos()));
                args.add(UsagePeriods.day(c.record.createdAt()).toString());
                args.add(c.owed.code(c.byok, CreditLedger.countsTowardKeyLimit(c.key, c.byok)));
            }
        }
        redis.call(REPLAY, keys, args).onComplete(result -> {
            if (result.succeeded()) {
                answered(chunk, result.result());
            } else {
                failed(chunk, result.cause());
            }
        });
    }

    private void answered(List<Charge> chunk, Response reply) {
        if (reply.get(0).toInteger() == 0) {
            Request forget = Request.cmd(Command.HDEL).arg(markers);
            for (Charge c : chunk) {
                charges.remove(c.generationId);
                forget.arg(c.generationId);
            }
            redis.send(forget); // the markers only guard against a lost answer, which this was not
            replaying.set(false);
            replay();
            return;
        }
        // Some budgets are not loaded (Redis lost them): seed them, then the same chunk again.
        Charge unloaded = chunk.get(reply.get(1).toInteger() - 1);
        budgets.load(unloaded.key).onComplete(loaded -> {
            if (loaded.succeeded()) {
                send(chunk);
            } else {
                failed(chunk, loaded.cause());
            }
        });
    }

    private void failed(List<Charge> chunk, Throwable e) {
        if (e instanceof SharedRedis.RedisUnreachable) {
            redis.failed(e.getCause());
        } else {
            // The database (seeding a budget) or a bug: kept, and tried again in a while.
            LOG.warn("replaying {} charges into Redis failed, kept for another attempt: {}", chunk.size(), e.toString());
            vertx.setTimer(RETRY_MILLIS, id -> replay());
        }
        for (Charge c : chunk.reversed()) {
            ready.addFirst(c);
        }
        replaying.set(false);
    }

    /** Gives up on charges waiting longer than {@link #MAX_WAIT}, queued or not; returns how many. */
    int expire() {
        long now = nanos.getAsLong();
        int dropped = 0;
        for (Charge c : charges.values()) {
            if (now - c.since > MAX_WAIT.toNanos() && charges.remove(c.generationId, c)) {
                dropped++;
            }
        }
        ready.removeIf(c -> now - c.since > MAX_WAIT.toNanos());
        if (dropped > 0) {
            LOG.warn("{} charges could not be added to Redis for a day (Redis unreachable, or their usage records not"
                    + " in the database): dropped; Redis's counters miss them until the budgets are seeded again", dropped);
        }
        return dropped;
    }
}
