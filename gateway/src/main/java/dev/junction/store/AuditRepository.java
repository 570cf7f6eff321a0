package dev.junction.store;

import java.util.List;
import java.util.OptionalLong;

/** The audit log: appended to, never changed. Blocking JDBC: call off the event loops. */
public interface AuditRepository {
    void append(AuditEntry entry);

    /** The account's entries newest first, those before {@code before} (an entry id) when given; at most {@code limit}. */
    List<AuditEntry> list(String accountId, OptionalLong before, int limit);
}
