package dev.junction.store;

import dev.junction.accounting.BudgetInterval;
import dev.junction.money.Money;

import java.time.Instant;

/** One of a workspace's budgets: at most one per interval. */
public record StoredWorkspaceBudget(
        String id,
        String workspaceId,
        BudgetInterval interval,
        Money limit,
        Instant createdAt,
        Instant updatedAt) {}
