package dev.junction.teams;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.junction.accounting.UsagePeriods;
import dev.junction.keys.ApiKey;
import dev.junction.keys.LimitReset;
import dev.junction.money.Money;
import dev.junction.store.GuardrailAssignment;
import dev.junction.store.GuardrailRepository;
import dev.junction.store.StoredGuardrail;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Guardrails: their storage, and the guardrails of a key as requests need them, cached for {@link #CACHE_TTL} (a
 * change made on this instance applies to its next request; one made on another instance of a cluster within the
 * TTL). Methods returning plain values block: call them off the event loop.
 */
public final class Guardrails {
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private final GuardrailRepository repository;
    private final Vertx vertx;
    private final InstantSource clock;
    private final Cache<String, List<Guardrail>> byKey = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CACHE_TTL)
            .build();

    public Guardrails(GuardrailRepository repository, Vertx vertx, InstantSource clock) {
        this.repository = repository;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** The guardrails that govern the key's requests. */
    public Future<List<Guardrail>> forKey(ApiKey key) {
        List<Guardrail> cached = byKey.getIfPresent(key.hash());
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return vertx.executeBlocking(() -> {
            List<Guardrail> found = repository.forKey(key.hash()).stream().map(Guardrails::guardrail).toList();
            byKey.put(key.hash(), found);
            return found;
        }, false);
    }

    /**
     * Refuses (402) when a guardrail's keys have together spent its limit in the current period. Checked against
     * the spending recorded in the database, so requests in flight or not yet recorded are not counted: the limit
     * stops the requests after it is reached rather than holding each request's worst case against it.
     */
    public Future<Void> checkSpending(List<Guardrail> guardrails) {
        List<Guardrail> limited = guardrails.stream().filter(g -> g.policy().limit().isPresent()).toList();
        if (limited.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            for (Guardrail g : limited) {
                Money limit = g.policy().limit().orElseThrow();
                if (spent(g).compareTo(limit) >= 0) {
                    throw new GuardrailRefusedException(402, g, "The spending limit of $" + limit.toPlainString() + " "
                            + g.policy().resetInterval().map(LimitReset::wireName).orElse("") + " is reached");
                }
            }
            return null;
        }, false);
    }

    /** What the guardrail's keys have spent in its current period (all time without one). Blocking. */
    public Money spent(Guardrail g) {
        LocalDate today = UsagePeriods.day(clock.instant());
        LocalDate from = g.policy().resetInterval().map(r -> switch (r) {
            case DAILY -> today;
            case WEEKLY -> UsagePeriods.weekStart(today);
            case MONTHLY -> UsagePeriods.monthStart(today);
        }).orElse(LocalDate.EPOCH);
        return repository.spendingSince(g.id(), from);
    }

    /** Blocking. */
    public Guardrail create(String accountId, String name, GuardrailPolicy policy) {
        Guardrail g = new Guardrail(UUID.randomUUID().toString(), accountId, Optional.empty(), name, policy, now(),
                Optional.empty());
        repository.insert(stored(g));
        return g;
    }

    /** The account's guardrail of that id. Blocking. */
    public Optional<Guardrail> find(String accountId, String id) {
        return repository.find(id).filter(g -> g.accountId().equals(accountId)).map(Guardrails::guardrail);
    }

    /** Blocking. */
    public List<Guardrail> list(String accountId, int offset, int limit) {
        return repository.list(accountId, offset, limit).stream().map(Guardrails::guardrail).toList();
    }

    /** Blocking. */
    public int count(String accountId) {
        return repository.count(accountId);
    }

    /** Stores the new name and policy. Blocking. */
    public Guardrail update(Guardrail g, String name, GuardrailPolicy policy) {
        Guardrail changed = new Guardrail(g.id(), g.accountId(), g.workspaceId(), name, policy, g.createdAt(),
                Optional.of(now()));
        repository.update(stored(changed));
        byKey.invalidateAll();
        return changed;
    }

    /** Blocking. */
    public boolean delete(Guardrail g) {
        boolean deleted = repository.delete(g.id());
        byKey.invalidateAll();
        return deleted;
    }

    /** Blocking. */
    public int assign(Guardrail g, Collection<String> keyHashes, String assignedBy) {
        int assigned = repository.assign(g.id(), keyHashes, Optional.of(assignedBy));
        keyHashes.forEach(byKey::invalidate);
        return assigned;
    }

    /** Blocking. */
    public int unassign(Guardrail g, Collection<String> keyHashes) {
        int removed = repository.unassign(g.id(), keyHashes);
        keyHashes.forEach(byKey::invalidate);
        return removed;
    }

    /** Blocking. */
    public List<GuardrailAssignment> assignments(String accountId, Optional<String> guardrailId, int offset, int limit) {
        return repository.assignments(accountId, guardrailId, offset, limit);
    }

    /** Blocking. */
    public int countAssignments(String accountId, Optional<String> guardrailId) {
        return repository.countAssignments(accountId, guardrailId);
    }

    /** Instants as the database keeps them (microseconds), so an answer shows what a later read will. */
    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static StoredGuardrail stored(Guardrail g) {
        return new StoredGuardrail(g.id(), g.accountId(), g.workspaceId(), g.name(), GuardrailPolicyJson.stored(g.policy()),
                g.createdAt(), g.updatedAt());
    }

    private static Guardrail guardrail(StoredGuardrail s) {
        return new Guardrail(s.id(), s.accountId(), s.workspaceId(), s.name(),
                GuardrailPolicyJson.read(dev.junction.wire.Json.parseExact(s.policyJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                s.createdAt(), s.updatedAt());
    }
}
