package dev.junction.store;

import dev.junction.keys.KeyRepository;

import java.util.function.Consumer;

/**
 * The storage Junction needs, behind one interface: SQLite by default (one file in the data
 * directory), PostgreSQL for clusters. Schema changes are Flyway migrations applied at open.
 */
public interface Store extends AutoCloseable {
    KeyRepository keys();

    UsageRepository usage();

    GenerationRepository generations();

    AuthCodeRepository authCodes();

    GuardrailRepository guardrails();

    AuditRepository audit();

    PresetRepository presets();

    ByokRepository byok();

    WorkspaceRepository workspaces();

    /** Fails (with a {@link StoreException} or a JDBC error) when the database cannot be reached. Blocking. */
    void ping();

    /** The write-behind recorder; {@link #close()} flushes and closes it. */
    UsageRecorder recorder();

    /**
     * Tells {@code listener} of every usage batch this process commits, right after the commit, on the
     * writer's thread (so it must not block). Every listener added is told, in the order they were added.
     */
    void onDrained(Consumer<Drained> listener);

    @Override
    void close();
}
