package dev.junction.teams;

import dev.junction.accounting.BudgetInterval;
import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.WorkspaceLimits;
import dev.junction.keys.DefaultWorkspace;
import dev.junction.keys.KeyRepository;
import dev.junction.money.Money;
import dev.junction.store.StoredWorkspace;
import dev.junction.store.StoredWorkspaceBudget;
import dev.junction.store.WorkspaceRepository;
import io.vertx.core.Future;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Workspaces: an account's groups of keys, each with budgets per interval that the {@link CreditLedger} holds every
 * request of its keys against. Every account has a default workspace, made the first time its workspaces are used.
 * A budget change is told to the ledger before it is answered, so the next request is held to it. Methods
 * returning plain values block: call them off the event loop.
 */
public final class Workspaces {
    private final WorkspaceRepository repository;
    private final KeyRepository keys;
    private final CreditLedger ledger;
    private final InstantSource clock;

    public Workspaces(WorkspaceRepository repository, KeyRepository keys, CreditLedger ledger, InstantSource clock) {
        this.repository = repository;
        this.keys = keys;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Makes the account's default workspace if it has none yet. Blocking. */
    public void ensureDefault(String accountId) {
        String id = DefaultWorkspace.id(accountId);
        if (repository.find(id).isEmpty()) {
            repository.insertIfAbsent(new StoredWorkspace(id, accountId, DefaultWorkspace.SLUG, DefaultWorkspace.NAME,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, true, now(),
                    Optional.empty()));
        }
    }

    /** The account's workspace of that id or slug ({@code workspace_ref}). Blocking. */
    public Optional<StoredWorkspace> find(String accountId, String ref) {
        ensureDefault(accountId);
        return repository.find(ref).filter(w -> w.accountId().equals(accountId))
                .or(() -> repository.findBySlug(accountId, ref));
    }

    /** Blocking. */
    public List<StoredWorkspace> list(String accountId, int offset, int limit) {
        ensureDefault(accountId);
        return repository.list(accountId, offset, limit);
    }

    /** Blocking. */
    public int count(String accountId) {
        ensureDefault(accountId);
        return repository.count(accountId);
    }

    /** Stores a new workspace from {@code fields} (id, account, default flag and times are set here). Blocking. */
    public StoredWorkspace create(String accountId, StoredWorkspace fields) {
        ensureDefault(accountId);
        StoredWorkspace created = new StoredWorkspace(UUID.randomUUID().toString(), accountId, fields.slug(), fields.name(),
                fields.description(), fields.defaultTextModel(), fields.defaultImageModel(), fields.defaultProviderSort(),
                fields.includeByokInBudgets(), false, now(), Optional.empty());
        repository.insert(created);
        return created;
    }

    /** Stores the changed fields. Blocking. */
    public StoredWorkspace update(StoredWorkspace changed) {
        StoredWorkspace stamped = new StoredWorkspace(changed.id(), changed.accountId(), changed.slug(), changed.name(),
                changed.description(), changed.defaultTextModel(), changed.defaultImageModel(), changed.defaultProviderSort(),
                changed.includeByokInBudgets(), changed.isDefault(), changed.createdAt(), Optional.of(now()));
        repository.update(stamped);
        return stamped;
    }

    /** Whether keys (not deleted) spend in the workspace. Blocking. */
    public boolean hasKeys(StoredWorkspace w) {
        return keys.anyIn(w.id());
    }

    /** Deletes the workspace and its budgets. Blocking. */
    public boolean delete(StoredWorkspace w) {
        return repository.delete(w.id());
    }

    /** Blocking. */
    public List<StoredWorkspaceBudget> budgets(StoredWorkspace w) {
        return repository.budgets(w.id());
    }

    /**
     * Sets the budget of that interval (and, when given, whether BYOK spending counts toward every budget of the
     * workspace). Blocking while it stores; the future completes once the ledger holds requests to the change.
     * Changes are made one at a time, so the ledger is told them in the order the database has them.
     */
    public synchronized Future<Budgets> setBudget(StoredWorkspace w, BudgetInterval interval, Money limit,
                                                  Optional<Boolean> includeByok) {
        StoredWorkspace current = includeByok.filter(b -> b != w.includeByokInBudgets())
                .map(b -> update(withByok(w, b))).orElse(w);
        Instant now = now();
        StoredWorkspaceBudget budget = repository.upsertBudget(new StoredWorkspaceBudget(UUID.randomUUID().toString(),
                w.id(), interval, limit, now, now));
        return told(current).map(v -> new Budgets(current, List.of(budget)));
    }

    /** Removes the budget of that interval, as {@link #setBudget} changes one; the future: whether there was one. */
    public synchronized Future<Boolean> deleteBudget(StoredWorkspace w, BudgetInterval interval) {
        boolean deleted = repository.deleteBudget(w.id(), interval);
        return told(w).map(v -> deleted);
    }

    /** A workspace with budgets: what the budget endpoints answer with. */
    public record Budgets(StoredWorkspace workspace, List<StoredWorkspaceBudget> budgets) {}

    private Future<Void> told(StoredWorkspace w) {
        Map<BudgetInterval, Money> limits = repository.budgets(w.id()).stream()
                .collect(Collectors.toMap(StoredWorkspaceBudget::interval, StoredWorkspaceBudget::limit));
        return ledger.workspaceChanged(w.id(), new WorkspaceLimits(limits, w.includeByokInBudgets()));
    }

    private static StoredWorkspace withByok(StoredWorkspace w, boolean includeByok) {
        return new StoredWorkspace(w.id(), w.accountId(), w.slug(), w.name(), w.description(), w.defaultTextModel(),
                w.defaultImageModel(), w.defaultProviderSort(), includeByok, w.isDefault(), w.createdAt(), w.updatedAt());
    }

    /** Instants as the database keeps them (microseconds), so an answer shows what a later read will. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
