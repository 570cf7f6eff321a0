package dev.junction.store;

import dev.junction.money.Money;
import dev.junction.store.jdbc.JdbcStore;
import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Guardrails, their key assignments and the audit log, in both databases. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class GuardrailRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:15:30.123456Z");

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private TestDatabase db;
    private JdbcStore store;
    private GuardrailRepository guardrails;

    @BeforeEach
    void open() {
        db = backend.create(dir);
        store = db.open(dir, clock);
        guardrails = store.guardrails();
    }

    @AfterEach
    void close() throws Exception {
        StoreTesting.closeAll(store, db);
    }

    private static StoredGuardrail guardrail(String id, String account, Instant created) {
        return new StoredGuardrail(id, account, Optional.empty(), "name-" + id, "{\"enforce_zdr\":true}", created, Optional.empty());
    }

    @Test
    void guardrailsReadBackChangeAndGoWithTheirAssignments() {
        StoredGuardrail first = guardrail("g1", "default", T0);
        guardrails.insert(first);
        guardrails.insert(guardrail("g2", "default", T0.plusSeconds(1)));
        guardrails.insert(guardrail("g3", "other", T0));

        assertThat(guardrails.find("g1")).contains(first);
        assertThat(guardrails.list("default", 0, 10)).extracting(StoredGuardrail::id).containsExactly("g1", "g2");
        assertThat(guardrails.list("default", 1, 10)).extracting(StoredGuardrail::id).containsExactly("g2");
        assertThat(guardrails.count("default")).isEqualTo(2);

        StoredGuardrail changed = new StoredGuardrail("g1", "default", Optional.empty(), "renamed", "{}", T0,
                Optional.of(T0.plusSeconds(60)));
        assertThat(guardrails.update(changed)).isTrue();
        assertThat(guardrails.find("g1")).contains(changed);
        assertThat(guardrails.update(guardrail("missing", "default", T0))).isFalse();

        assertThat(guardrails.assign("g1", List.of("k1", "k2", "k1"), Optional.of("admin"))).isEqualTo(2);
        assertThat(guardrails.assign("g1", List.of("k2", "k3"), Optional.empty())).as("k2 already assigned").isEqualTo(1);
        assertThat(guardrails.assign("g2", List.of("k1"), Optional.of("admin"))).isEqualTo(1);
        assertThat(guardrails.forKey("k1")).extracting(StoredGuardrail::id).containsExactly("g1", "g2");
        assertThat(guardrails.assignments("default", Optional.of("g1"), 0, 10)).extracting(GuardrailAssignment::keyHash)
                .containsExactlyInAnyOrder("k1", "k2", "k3");
        assertThat(guardrails.assignments("default", Optional.of("g1"), 0, 10).getFirst().assignedBy()).contains("admin");
        assertThat(guardrails.countAssignments("default", Optional.empty())).isEqualTo(4);
        assertThat(guardrails.countAssignments("other", Optional.empty())).isZero();

        assertThat(guardrails.unassign("g1", List.of("k2", "nobody"))).isEqualTo(1);
        assertThat(guardrails.delete("g1")).isTrue();
        assertThat(guardrails.delete("g1")).isFalse();
        assertThat(guardrails.find("g1")).isEmpty();
        assertThat(guardrails.forKey("k1")).extracting(StoredGuardrail::id).containsExactly("g2");
        assertThat(guardrails.countAssignments("default", Optional.of("g1"))).isZero();
    }

    @Test
    void aGuardrailsSpendingIsItsKeysSinceTheDay() throws Exception {
        guardrails.insert(guardrail("g", "default", T0));
        guardrails.assign("g", List.of("k1", "k2"), Optional.empty());
        db.update("INSERT INTO key_usage_daily (key_hash, day, usage_picos, requests) VALUES "
                + "('k1', '2026-11-19', 1000, 1), ('k1', '2026-11-20', 200, 1), ('k2', '2026-11-20', 30, 1), "
                + "('k3', '2026-11-20', 4, 1)");
        assertThat(guardrails.spendingSince("g", LocalDate.parse("2026-11-20"))).isEqualTo(Money.ofPicos(230));
        assertThat(guardrails.spendingSince("g", LocalDate.EPOCH)).isEqualTo(Money.ofPicos(1230));
        assertThat(guardrails.spendingSince("none", LocalDate.EPOCH)).isEqualTo(Money.ZERO);
    }

    @Test
    void theAuditLogIsReadNewestFirstByAccount() {
        AuditRepository audit = store.audit();
        for (int i = 0; i < 3; i++) {
            audit.append(new AuditEntry(0, "default", "admin", "create", "guardrail", "g" + i, "{\"i\":" + i + "}", T0.plusSeconds(i)));
        }
        audit.append(new AuditEntry(0, "other", "admin", "delete", "key", "k", "{}", T0));
        List<AuditEntry> entries = audit.list("default", OptionalLong.empty(), 10);
        assertThat(entries).extracting(AuditEntry::resourceId).containsExactly("g2", "g1", "g0");
        assertThat(entries.getFirst().detailsJson()).isEqualTo("{\"i\":2}");
        assertThat(entries.getFirst().createdAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(audit.list("default", OptionalLong.of(entries.get(0).id()), 1)).extracting(AuditEntry::resourceId)
                .containsExactly("g1");
    }
}
