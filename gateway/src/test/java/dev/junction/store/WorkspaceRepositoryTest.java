package dev.junction.store;

import dev.junction.accounting.BudgetInterval;
import dev.junction.accounting.WorkspaceLimits;
import dev.junction.keys.ApiKey;
import dev.junction.keys.DefaultWorkspace;
import dev.junction.keys.KeyKind;
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
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workspaces, their budgets, the keys spending in them and what those keys spent, in both databases. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class WorkspaceRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:15:30.123456Z");

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private TestDatabase db;
    private JdbcStore store;
    private WorkspaceRepository workspaces;

    @BeforeEach
    void open() {
        db = backend.create(dir);
        store = db.open(dir, clock);
        workspaces = store.workspaces();
    }

    @AfterEach
    void close() throws Exception {
        StoreTesting.closeAll(store, db);
    }

    private static StoredWorkspace workspace(String id, String account, String slug, Instant created) {
        return new StoredWorkspace(id, account, slug, "name-" + id, Optional.of("about " + id), Optional.of("acme/model"),
                Optional.empty(), Optional.of("price"), false, false, created, Optional.empty());
    }

    private static ApiKey key(String hash, String account, Optional<String> workspace) {
        return new ApiKey(hash, account, "k", "sk-…" + hash, KeyKind.STANDARD, false, Optional.empty(), Optional.empty(), false,
                T0, Optional.empty(), Optional.empty(), workspace);
    }

    @Test
    void workspacesReadBackChangeAndGoWithTheirBudgets() {
        StoredWorkspace first = workspace("w1", "default", "team-a", T0);
        workspaces.insert(first);
        workspaces.insert(workspace("w2", "default", "team-b", T0.plusSeconds(1)));
        workspaces.insert(workspace("w3", "other", "team-a", T0));
        assertThatThrownBy(() -> workspaces.insert(workspace("w4", "default", "team-a", T0)))
                .as("a slug is unique within its account").isInstanceOf(DuplicateKeyException.class);
        workspaces.insertIfAbsent(workspace("w1", "default", "team-a", T0.plusSeconds(9)));

        assertThat(workspaces.find("w1")).contains(first);
        assertThat(workspaces.findBySlug("other", "team-a")).map(StoredWorkspace::id).contains("w3");
        assertThat(workspaces.list("default", 0, 10)).extracting(StoredWorkspace::id).containsExactly("w1", "w2");
        assertThat(workspaces.list("default", 1, 10)).extracting(StoredWorkspace::id).containsExactly("w2");
        assertThat(workspaces.count("default")).isEqualTo(2);

        StoredWorkspace changed = new StoredWorkspace("w1", "default", "team-z", "renamed", Optional.empty(), Optional.empty(),
                Optional.of("gpt"), Optional.empty(), true, false, T0, Optional.of(T0.plusSeconds(60)));
        assertThat(workspaces.update(changed)).isTrue();
        assertThat(workspaces.find("w1")).contains(changed);
        assertThatThrownBy(() -> workspaces.update(workspace("w2", "default", "team-z", T0))).isInstanceOf(DuplicateKeyException.class);

        StoredWorkspaceBudget daily = new StoredWorkspaceBudget("b1", "w1", BudgetInterval.DAILY, Money.ofUsd(new java.math.BigDecimal("1.5")),
                T0, T0);
        assertThat(workspaces.upsertBudget(daily)).isEqualTo(daily);
        StoredWorkspaceBudget raised = workspaces.upsertBudget(new StoredWorkspaceBudget("b2", "w1", BudgetInterval.DAILY,
                Money.ofPicos(7), T0.plusSeconds(5), T0.plusSeconds(5)));
        assertThat(raised).as("the same budget, its limit replaced")
                .isEqualTo(new StoredWorkspaceBudget("b1", "w1", BudgetInterval.DAILY, Money.ofPicos(7), T0, T0.plusSeconds(5)));
        workspaces.upsertBudget(new StoredWorkspaceBudget("b3", "w1", BudgetInterval.LIFETIME, Money.ofPicos(100), T0, T0));
        assertThat(workspaces.budgets("w1")).containsExactly(raised,
                new StoredWorkspaceBudget("b3", "w1", BudgetInterval.LIFETIME, Money.ofPicos(100), T0, T0));
        assertThat(store.usage().workspaceLimits("w1")).isEqualTo(new WorkspaceLimits(
                Map.of(BudgetInterval.DAILY, Money.ofPicos(7), BudgetInterval.LIFETIME, Money.ofPicos(100)), true));
        assertThat(store.usage().workspaceLimits("w2")).isEqualTo(WorkspaceLimits.NONE);

        assertThat(workspaces.deleteBudget("w1", BudgetInterval.DAILY)).isTrue();
        assertThat(workspaces.deleteBudget("w1", BudgetInterval.DAILY)).isFalse();
        assertThat(workspaces.budgets("w1")).extracting(StoredWorkspaceBudget::interval).containsExactly(BudgetInterval.LIFETIME);
        assertThat(workspaces.delete("w1")).isTrue();
        assertThat(workspaces.delete("w1")).isFalse();
        assertThat(workspaces.find("w1")).isEmpty();
        assertThat(workspaces.budgets("w1")).as("gone with their workspace").isEmpty();
    }

    @Test
    void keysSpendInTheirWorkspaceOrTheirAccountsDefaultOne() {
        var keys = store.keys();
        keys.insert(key("k1", "default", Optional.of("w1")));
        keys.insert(key("k2", "default", Optional.empty()));
        keys.insert(key("k3", "default", Optional.of(DefaultWorkspace.id("default"))));
        keys.insert(key("k4", "other", Optional.of("w9")));

        assertThat(keys.find("k1").orElseThrow().workspace()).isEqualTo("w1");
        assertThat(keys.find("k2").orElseThrow().workspace()).isEqualTo(DefaultWorkspace.id("default"));
        assertThat(keys.list("default", "w1", false, 0, 10)).extracting(ApiKey::hash).containsExactly("k1");
        assertThat(keys.list("default", DefaultWorkspace.id("default"), true, 0, 10)).extracting(ApiKey::hash)
                .containsExactlyInAnyOrder("k2", "k3");
        assertThat(keys.anyIn("w1")).isTrue();
        assertThat(keys.workspaceOf("k1")).contains("w1");
        assertThat(keys.workspaceOf("k2")).isEmpty();
        keys.delete("k1");
        assertThat(keys.anyIn("w1")).as("a deleted key no longer spends").isFalse();
        assertThat(keys.workspaceOf("k1")).as("but its generations keep their workspace").contains("w1");
    }

    @Test
    void aWorkspacesUsageAndActivityAreItsKeysGenerations() {
        var keys = store.keys();
        keys.insert(key("k1", "default", Optional.of("w1")));
        keys.insert(key("k2", "default", Optional.empty()));
        Instant yesterday = Instant.parse("2026-11-19T12:00:00Z");
        var rec = store.recorder();
        rec.record(StoreTesting.generation("g1", "k1", "default", "a/one", "p|one", yesterday, 1000, 1, 1, 0));
        rec.record(StoreTesting.generation("g2", "k1", "default", "a/one", "p|one", T0, 200, 1, 1, 0));
        rec.record(StoreTesting.generation("g3", "k2", "default", "a/one", "p|one", T0, 30, 1, 1, 0));
        rec.record(StoreTesting.generation("g4", "static-key", "default", "a/one", "p|one", T0, 4, 1, 1, 0));
        rec.flush();
        LocalDate today = LocalDate.parse("2026-11-20");

        var w1 = store.usage().workspaceUsage("default", "w1", today);
        assertThat(w1.total()).isEqualTo(Money.ofPicos(1200));
        assertThat(w1.daily()).isEqualTo(Money.ofPicos(200));
        assertThat(store.usage().workspaceUsage("default", DefaultWorkspace.id("default"), today).total())
                .as("keys without a workspace, and keys the store does not know, spend in the default one")
                .isEqualTo(Money.ofPicos(34));

        List<ActivityRow> only = store.usage().activity("default", LocalDate.parse("2026-11-19"), today, Optional.empty(),
                Optional.of("w1"));
        assertThat(only).extracting(ActivityRow::usage).containsExactly(Money.ofPicos(200), Money.ofPicos(1000));
        List<ActivityRow> split = store.usage().activity("default", today, today, Optional.of(ActivityRow.Grouping.WORKSPACE),
                Optional.empty());
        assertThat(split).extracting(r -> r.workspaceId().orElseThrow() + "=" + r.usage().picos())
                .containsExactlyInAnyOrder("w1=200", DefaultWorkspace.id("default") + "=34");
    }
}
