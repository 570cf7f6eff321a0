package dev.junction.api;

import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.RecentGenerations;
import dev.junction.accounting.GenerationSink;
import dev.junction.cluster.SharedService;
import dev.junction.limits.Admission;
import dev.junction.limits.RateLimits;
import dev.junction.catalog.CatalogHolder;
import dev.junction.catalog.discovery.RefreshReport;
import dev.junction.config.JunctionConfig;
import dev.junction.keys.KeyService;
import dev.junction.observability.Telemetry;
import dev.junction.routing.FallbackExecutor;
import dev.junction.routing.Router;
import dev.junction.store.Store;
import dev.junction.teams.AuditLog;
import dev.junction.teams.ByokKeys;
import dev.junction.teams.Guardrails;
import dev.junction.teams.Presets;
import dev.junction.teams.Workspaces;
import dev.junction.web.DashboardAssets;
import dev.junction.wire.RequestParser;

import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every event loop's handlers share. All of it is immutable or thread-safe.
 *
 * @param records     where finished generations go: the recent ones in memory, and the store
 * @param recent      the latest generations, for {@code /generation} before the store has them
 * @param admission   rate limits and credit holds, in memory or shared through Redis
 * @param shared      the services a cluster shares, for {@code /ready}
 * @param catalogRefreshes the latest catalog refresh, for {@code /health/catalog}
 * @param dashboard   the dashboard's files, read once at start
 * @param telemetry   the metrics, and what follows requests and generations to keep them
 * @param guardrails  the guardrails and the keys they govern
 * @param audit       the audit log of changes to keys and team resources
 * @param presets     the presets and how requests use them
 * @param byok        the accounts' own provider keys
 * @param workspaces  the accounts' workspaces and their budgets
 */
public record Services(
        JunctionConfig config,
        CatalogHolder catalogs,
        Router router,
        FallbackExecutor executor,
        RequestParser parser,
        KeyService keys,
        CreditLedger ledger,
        Admission admission,
        RateLimits rateLimits,
        GenerationSink records,
        RecentGenerations recent,
        Store store,
        InstantSource clock,
        java.util.List<SharedService> shared,
        Supplier<Optional<RefreshReport>> catalogRefreshes,
        DashboardAssets dashboard,
        Telemetry telemetry,
        Guardrails guardrails,
        AuditLog audit,
        Presets presets,
        ByokKeys byok,
        Workspaces workspaces) {}
