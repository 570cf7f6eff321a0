package dev.junction.store;

import dev.junction.accounting.BudgetInterval;

import java.util.List;
import java.util.Optional;

/** Workspaces and their budgets. Blocking JDBC: call off the event loops. */
public interface WorkspaceRepository {
    /** Adds the workspace; {@link DuplicateKeyException} when the account already has one with its slug. */
    void insert(StoredWorkspace workspace);

    /** Adds the workspace unless one with its id exists (two instances making a default workspace at once make one). */
    void insertIfAbsent(StoredWorkspace workspace);

    /** Replaces every field but id, account, default flag and created-at; false if there is none. {@link DuplicateKeyException} on a taken slug. */
    boolean update(StoredWorkspace workspace);

    /** Deletes the workspace and its budgets together; false if there was none. */
    boolean delete(String id);

    Optional<StoredWorkspace> find(String id);

    Optional<StoredWorkspace> findBySlug(String accountId, String slug);

    /** The account's workspaces, oldest first. */
    List<StoredWorkspace> list(String accountId, int offset, int limit);

    int count(String accountId);

    /** Inserts or replaces the workspace's budget of that interval (keeping its id and created-at when it existed). */
    StoredWorkspaceBudget upsertBudget(StoredWorkspaceBudget budget);

    /** False if there was none. */
    boolean deleteBudget(String workspaceId, BudgetInterval interval);

    /** The workspace's budgets, in interval order (daily, weekly, monthly, lifetime). */
    List<StoredWorkspaceBudget> budgets(String workspaceId);
}
