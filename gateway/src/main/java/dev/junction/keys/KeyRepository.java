package dev.junction.keys;

import dev.junction.keys.ApiKey;

import java.util.List;
import java.util.Optional;

/** API keys. Blocking JDBC: call from a worker or virtual thread, never from an event loop. */
public interface KeyRepository {
    /** Adds a key; {@code store.DuplicateKeyException} if one with that hash exists (even deleted). */
    void insert(ApiKey key);

    /** A key that has not been deleted. */
    Optional<ApiKey> find(String hash);

    /** The account's keys that have not been deleted, newest first. */
    List<ApiKey> list(String accountId, int offset, int limit);

    /** The same, only those spending in the workspace ({@code defaultWorkspace}: also those without one). */
    List<ApiKey> list(String accountId, String workspaceId, boolean defaultWorkspace, int offset, int limit);

    /** The workspace a key spends (or, deleted, spent) in; empty for its account's default one or an unknown key. */
    Optional<String> workspaceOf(String hash);

    /** Whether any key that has not been deleted spends in the workspace. */
    boolean anyIn(String workspaceId);

    /**
     * Replaces name, disabled, limit, limit reset, BYOK flag and updated-at of an existing key; false if
     * there is none (never inserted, or deleted).
     */
    boolean update(ApiKey key);

    /** Deletes the key (it stops working at once; its usage history stays); false if there was none. */
    boolean delete(String hash);
}
