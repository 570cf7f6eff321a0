package dev.junction.store.jdbc;

import dev.junction.store.AuditRepository;
import dev.junction.store.AuthCodeRepository;
import dev.junction.store.ByokRepository;
import dev.junction.store.GuardrailRepository;
import dev.junction.store.PresetRepository;
import dev.junction.store.Drained;
import dev.junction.store.GenerationRepository;
import dev.junction.store.InstanceId;
import dev.junction.keys.KeyRepository;
import dev.junction.store.Store;
import dev.junction.store.StoreException;
import dev.junction.store.UsageRecorder;
import dev.junction.store.UsageRepository;
import dev.junction.store.WorkspaceRepository;
import dev.junction.store.journal.JournaledUsageRecorder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Consumer;

/** The {@link Store} over any {@link JdbcDatabase}, with the journaled recorder in front of it. */
public final class JdbcStore implements Store {
    private final JdbcDatabase database;
    private final KeyRepository keys;
    private final UsageRepository usage;
    private final GenerationRepository generations;
    private final AuthCodeRepository authCodes;
    private final GuardrailRepository guardrails;
    private final AuditRepository audit;
    private final PresetRepository presets;
    private final ByokRepository byok;
    private final WorkspaceRepository workspaces;
    private final JournaledUsageRecorder recorder;
    private final JdbcJournalSink sink;

    private JdbcStore(JdbcDatabase database, InstantSource clock, JournaledUsageRecorder recorder, JdbcJournalSink sink) {
        this.database = database;
        this.keys = new JdbcKeyRepository(database, clock);
        this.usage = new JdbcUsageRepository(database, clock);
        this.generations = new JdbcGenerationRepository(database);
        this.authCodes = new JdbcAuthCodeRepository(database, clock);
        this.guardrails = new JdbcGuardrailRepository(database, clock);
        this.audit = new JdbcAuditRepository(database);
        this.presets = new JdbcPresetRepository(database);
        this.byok = new JdbcByokRepository(database);
        this.workspaces = new JdbcWorkspaceRepository(database);
        this.recorder = recorder;
        this.sink = sink;
    }

    /**
     * Replays the journal in {@code journalDir}, whose checkpoints are kept under {@code instance}, into
     * the database, then returns the ready store.
     */
    public static JdbcStore open(JdbcDatabase database, InstanceId instance, Path journalDir, Duration syncInterval,
                                 InstantSource clock) {
        try {
            JdbcJournalSink sink = new JdbcJournalSink(database, clock, instance);
            sink.adoptCheckpointsWithoutInstance();
            JournaledUsageRecorder recorder = JournaledUsageRecorder.open(journalDir, sink, syncInterval);
            return new JdbcStore(database, clock, recorder, sink);
        } catch (RuntimeException e) {
            closeDatabase(database);
            throw e;
        }
    }

    @Override
    public void ping() {
        database.readJdbi().useHandle(h -> h.execute("SELECT 1"));
    }

    @Override
    public KeyRepository keys() {
        return keys;
    }

    @Override
    public UsageRepository usage() {
        return usage;
    }

    @Override
    public GenerationRepository generations() {
        return generations;
    }

    @Override
    public AuthCodeRepository authCodes() {
        return authCodes;
    }

    @Override
    public GuardrailRepository guardrails() {
        return guardrails;
    }

    @Override
    public AuditRepository audit() {
        return audit;
    }

    @Override
    public PresetRepository presets() {
        return presets;
    }

    @Override
    public ByokRepository byok() {
        return byok;
    }

    @Override
    public WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    public JournaledUsageRecorder recorder() {
        return recorder;
    }

    @Override
    public void onDrained(Consumer<Drained> listener) {
        sink.onDrained(listener);
    }

    @Override
    public void close() {
        try {
            recorder.close();
        } finally {
            closeDatabase(database);
        }
    }

    /** Stops as a crash would (journal left for the next open, nothing flushed). For recovery tests. */
    public void abandon() {
        try {
            recorder.abandon();
        } finally {
            closeDatabase(database);
        }
    }

    private static void closeDatabase(JdbcDatabase database) {
        try {
            database.closer().close();
        } catch (Exception e) {
            throw new StoreException("cannot close the database: " + e.getMessage(), e);
        }
    }
}
