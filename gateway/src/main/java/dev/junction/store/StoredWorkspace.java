package dev.junction.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A workspace as stored: a group of an account's keys with its own budgets ({@link StoredWorkspaceBudget}).
 *
 * @param includeByokInBudgets whether spending through the account's own provider keys counts toward its budgets
 * @param isDefault            the account's default workspace, where keys made without one spend
 */
public record StoredWorkspace(
        String id,
        String accountId,
        String slug,
        String name,
        Optional<String> description,
        Optional<String> defaultTextModel,
        Optional<String> defaultImageModel,
        Optional<String> defaultProviderSort,
        boolean includeByokInBudgets,
        boolean isDefault,
        Instant createdAt,
        Optional<Instant> updatedAt) {}
