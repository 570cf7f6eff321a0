package dev.junction.store;

import java.util.List;
import java.util.Optional;

/** Bring-your-own-key provider credentials. Blocking JDBC: call off the event loops. */
public interface ByokRepository {
    void insert(StoredByokKey key);

    /** Replaces name, label, secret, settings and updated-at; false if there is no such entry. */
    boolean update(StoredByokKey key);

    boolean delete(String id);

    Optional<StoredByokKey> find(String id);

    /** The account's entries, oldest first. */
    List<StoredByokKey> list(String accountId, int offset, int limit);

    int count(String accountId);
}
