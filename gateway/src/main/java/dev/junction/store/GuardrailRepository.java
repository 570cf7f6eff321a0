package dev.junction.store;

import dev.junction.money.Money;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Guardrails and the keys assigned to them. Blocking JDBC: call off the event loops. */
public interface GuardrailRepository {
    void insert(StoredGuardrail guardrail);

    /** Replaces name and policy and sets updated-at; false if there is no such guardrail. */
    boolean update(StoredGuardrail guardrail);

    /** Deletes the guardrail and its key assignments together; false if there was none. */
    boolean delete(String id);

    Optional<StoredGuardrail> find(String id);

    /** The account's guardrails, oldest first. */
    List<StoredGuardrail> list(String accountId, int offset, int limit);

    int count(String accountId);

    /** Assigns the keys (already assigned ones are left as they are); how many were newly assigned. */
    int assign(String guardrailId, Collection<String> keyHashes, Optional<String> assignedBy);

    /** How many of the keys were assigned and no longer are. */
    int unassign(String guardrailId, Collection<String> keyHashes);

    /** The guardrail's assignments, or with {@code guardrailId} empty every assignment of the account's guardrails; oldest first. */
    List<GuardrailAssignment> assignments(String accountId, Optional<String> guardrailId, int offset, int limit);

    int countAssignments(String accountId, Optional<String> guardrailId);

    /** The guardrails that govern the key, oldest first. */
    List<StoredGuardrail> forKey(String keyHash);

    /** What the guardrail's keys have spent from {@code from} (a UTC day) on, as recorded. */
    Money spendingSince(String guardrailId, LocalDate from);
}
