package dev.junction.store.jdbc;

import dev.junction.money.Money;
import dev.junction.store.ActivityRow;
import dev.junction.store.BudgetSeed;
import dev.junction.store.Credits;
import dev.junction.store.UsageBucket;
import dev.junction.store.UsageRepository;
import dev.junction.store.UsageSeriesQuery;
import dev.junction.accounting.BudgetInterval;
import dev.junction.accounting.Spending;
import dev.junction.accounting.WorkspaceLimits;
import dev.junction.keys.DefaultWorkspace;
import org.jdbi.v3.core.statement.Query;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Usage totals from the daily aggregates (one row per key per UTC day, one per account, day, model and
 * endpoint), which the journal sink maintains in the same transaction as the generations; credits from
 * {@code credit_grants}.
 */
public final class JdbcUsageRepository implements UsageRepository {
    /** Sums of {@code usage_picos} over all time and over the day, week and month of {@code :today}. */
    private static final String PERIOD_SUMS = """
            SELECT COALESCE(SUM(usage_picos), 0),
                   COALESCE(SUM(CASE WHEN day = :today THEN usage_picos ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN day >= :week AND day <= :today THEN usage_picos ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN day >= :month AND day <= :today THEN usage_picos ELSE 0 END), 0)
            FROM %s WHERE %s = :owner""";
    private static final String CREDITS =
            "SELECT COALESCE(SUM(amount_picos), 0), COUNT(*) FROM credit_grants WHERE account_id = :account";
    /**
     * A budget's seed as ONE statement, so that every figure and the drain marks come from the same snapshot
     * (PostgreSQL takes one per statement at READ COMMITTED; SQLite one per read transaction): a row per
     * figure, tagged in the first column, and one per instance's drain mark.
     */
    private static final String SEED = """
            SELECT 'a', '', COALESCE(SUM(usage_picos), 0), 0, 0, 0 FROM account_activity_daily WHERE account_id = :account
            UNION ALL
            SELECT 'c', '', COALESCE(SUM(amount_picos), 0), COUNT(*), 0, 0 FROM credit_grants WHERE account_id = :account
            UNION ALL
            SELECT 'm', instance_id, seq, 0, 0, 0 FROM drain_marks WHERE updated_at >= :horizon""";
    private static final String KEY_SEED = """
            SELECT 'k', '', COALESCE(SUM(usage_picos), 0),
                   COALESCE(SUM(CASE WHEN day = :today THEN usage_picos ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN day >= :week AND day <= :today THEN usage_picos ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN day >= :month AND day <= :today THEN usage_picos ELSE 0 END), 0)
            FROM key_usage_daily WHERE key_hash = :key
            UNION ALL
            """;
    /** A workspace's spending over all time and the periods of {@code :today}: its keys' generations. */
    private static final String WORKSPACE_SUMS = """
            COALESCE(SUM(g.cost_total_picos), 0),
            COALESCE(SUM(CASE WHEN g.day = :today THEN g.cost_total_picos ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN g.day >= :week AND g.day <= :today THEN g.cost_total_picos ELSE 0 END), 0),
            COALESCE(SUM(CASE WHEN g.day >= :month AND g.day <= :today THEN g.cost_total_picos ELSE 0 END), 0)
            FROM generations g LEFT JOIN api_keys k ON k.hash = g.key_hash
            WHERE g.account_id = :account AND COALESCE(k.workspace_id, :default) = :workspace""";
    /** The workspace's spending, its limits (one row each) and whether BYOK counts, before {@link #SEED}'s rows. */
    private static final String WORKSPACE_SEED = "SELECT 'w', '', " + WORKSPACE_SUMS + """

            UNION ALL
            SELECT 'l', reset_interval, limit_picos, 0, 0, 0 FROM workspace_budgets WHERE workspace_id = :workspace
            UNION ALL
            SELECT 'b', '', CASE WHEN include_byok_in_budgets THEN 1 ELSE 0 END, 0, 0, 0 FROM workspaces WHERE id = :workspace
            UNION ALL
            """;
    /**
     * Instances that committed nothing for this long are left out of seeds (their marks would only grow
     * every budget): no charge waits that long to be replayed, see {@code cluster.ChargeReplay}.
     */
    private static final Duration MARK_HORIZON = Duration.ofDays(7);

    private final Sql writer;
    private final Sql reader;
    private final InstantSource clock;

    public JdbcUsageRepository(JdbcDatabase database, InstantSource clock) {
        this.writer = new Sql(database.writeJdbi(), database.dialect());
        this.reader = new Sql(database.readJdbi(), database.dialect());
        this.clock = clock;
    }

    @Override
    public Spending keyUsage(String keyHash, LocalDate today) {
        return totals("key_usage_daily", "key_hash", keyHash, today);
    }

    @Override
    public Spending accountUsage(String accountId, LocalDate today) {
        return totals("account_activity_daily", "account_id", accountId, today);
    }

    @Override
    public Spending workspaceUsage(String accountId, String workspaceId, LocalDate today) {
        return reader.with("read a workspace's usage", h -> bindPeriods(h.createQuery("SELECT " + WORKSPACE_SUMS), today)
                .bind("account", accountId)
                .bind("default", DefaultWorkspace.id(accountId))
                .bind("workspace", workspaceId)
                .map((rs, ctx) -> new Spending(Money.ofPicos(rs.getLong(1)), Money.ofPicos(rs.getLong(2)),
                        Money.ofPicos(rs.getLong(3)), Money.ofPicos(rs.getLong(4))))
                .one());
    }

    @Override
    public WorkspaceLimits workspaceLimits(String workspaceId) {
        return reader.with("read a workspace's budgets", h -> {
            Map<BudgetInterval, Money> limits = new EnumMap<>(BudgetInterval.class);
            h.createQuery("SELECT reset_interval, limit_picos FROM workspace_budgets WHERE workspace_id = :workspace")
                    .bind("workspace", workspaceId)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> BudgetInterval.parse(e.getKey()).ifPresent(i -> limits.put(i, Money.ofPicos(e.getValue()))));
            boolean byok = h.createQuery("SELECT include_byok_in_budgets FROM workspaces WHERE id = :workspace")
                    .bind("workspace", workspaceId)
                    .mapTo(Boolean.class)
                    .findOne()
                    .orElse(false);
            return new WorkspaceLimits(limits, byok);
        });
    }

    private Spending totals(String table, String ownerColumn, String owner, LocalDate today) {
        return reader.with("read usage", h -> bindPeriods(h.createQuery(PERIOD_SUMS.formatted(table, ownerColumn)), today)
                .bind("owner", owner)
                .map((rs, ctx) -> new Spending(Money.ofPicos(rs.getLong(1)), Money.ofPicos(rs.getLong(2)),
                        Money.ofPicos(rs.getLong(3)), Money.ofPicos(rs.getLong(4))))
                .one());
    }

    /** UTC periods: the day itself, the week from its Monday, the month from its first day. */
    private static Query bindPeriods(Query query, LocalDate today) {
        return query.bind("today", Columns.day(today))
                .bind("week", Columns.day(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))))
                .bind("month", Columns.day(today.withDayOfMonth(1)));
    }

    @Override
    public void grantCredits(String accountId, Money amount, String note) {
        writer.with("grant credits", h -> h.createUpdate("""
                        INSERT INTO credit_grants (account_id, amount_picos, note, created_at)
                        VALUES (:account, :amount, :note, :now)""")
                .bind("account", accountId)
                .bind("amount", amount.picos())
                .bind("note", note)
                .bind("now", Columns.micros(clock.instant()))
                .execute());
    }

    @Override
    public Money totalCredits(String accountId) {
        return reader.with("read credits", h -> h.createQuery(
                        "SELECT COALESCE(SUM(amount_picos), 0) FROM credit_grants WHERE account_id = :account")
                .bind("account", accountId)
                .mapTo(Long.class)
                .map(Money::ofPicos)
                .one());
    }

    @Override
    public Credits credits(String accountId) {
        return reader.with("read credits", h -> h.createQuery(CREDITS)
                .bind("account", accountId)
                .map((rs, ctx) -> new Credits(Money.ofPicos(rs.getLong(1)), rs.getLong(2)))
                .one());
    }

    @Override
    public BudgetSeed budgetSeed(Optional<String> keyHash, String accountId, LocalDate today) {
        return budgetSeed(keyHash, Optional.empty(), accountId, today);
    }

    @Override
    public BudgetSeed budgetSeed(Optional<String> keyHash, Optional<String> workspaceId, String accountId, LocalDate today) {
        List<SeedRow> rows = reader.with("read a budget's seed", h -> {
            Query query = h.createQuery((keyHash.isPresent() ? KEY_SEED : "") + (workspaceId.isPresent() ? WORKSPACE_SEED : "") + SEED)
                    .bind("account", accountId)
                    .bind("horizon", Columns.micros(clock.instant().minus(MARK_HORIZON)));
            if (keyHash.isPresent() || workspaceId.isPresent()) {
                bindPeriods(query, today);
            }
            keyHash.ifPresent(k -> query.bind("key", k));
            workspaceId.ifPresent(w -> query.bind("workspace", w).bind("default", DefaultWorkspace.id(accountId)));
            return query.map((rs, ctx) -> new SeedRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                    rs.getLong(5), rs.getLong(6))).list();
        });
        Spending key = Spending.ZERO;
        Money accountUsage = Money.ZERO;
        Credits credits = new Credits(Money.ZERO, 0);
        Map<String, Long> drained = new HashMap<>();
        Spending workspace = Spending.ZERO;
        Map<BudgetInterval, Money> limits = new EnumMap<>(BudgetInterval.class);
        boolean byok = false;
        for (SeedRow row : rows) {
            switch (row.tag()) {
                case "k" -> key = new Spending(Money.ofPicos(row.a()), Money.ofPicos(row.b()), Money.ofPicos(row.c()),
                        Money.ofPicos(row.d()));
                case "w" -> workspace = new Spending(Money.ofPicos(row.a()), Money.ofPicos(row.b()), Money.ofPicos(row.c()),
                        Money.ofPicos(row.d()));
                case "l" -> BudgetInterval.parse(row.instance()).ifPresent(i -> limits.put(i, Money.ofPicos(row.a())));
                case "b" -> byok = row.a() == 1;
                case "a" -> accountUsage = Money.ofPicos(row.a());
                case "c" -> credits = new Credits(Money.ofPicos(row.a()), row.b());
                case "m" -> drained.put(row.instance(), row.a());
                default -> throw new IllegalStateException("unexpected seed row " + row.tag());
            }
        }
        return new BudgetSeed(keyHash.isPresent() ? Optional.of(key) : Optional.empty(), credits, accountUsage,
                workspaceId.isPresent() ? Optional.of(workspace) : Optional.empty(), new WorkspaceLimits(limits, byok), drained);
    }

    /** One row of {@link #SEED}: its tag, the instance of a drain mark, and up to four numbers. */
    private record SeedRow(String tag, String instance, long a, long b, long c, long d) {}

    @Override
    public List<ActivityRow> activity(String accountId, LocalDate from, LocalDate to) {
        return reader.with("read activity", h -> h.createQuery("""
                        SELECT day, model, provider_name, endpoint_id, usage_picos, requests,
                               prompt_tokens, completion_tokens, reasoning_tokens
                        FROM account_activity_daily
                        WHERE account_id = :account AND day >= :from AND day <= :to
                        ORDER BY day DESC, model, provider_name, endpoint_id""")
                .bind("account", accountId)
                .bind("from", Columns.day(from))
                .bind("to", Columns.day(to))
                .map((rs, ctx) -> new ActivityRow(LocalDate.parse(rs.getString("day")), rs.getString("model"),
                        rs.getString("provider_name"), rs.getString("endpoint_id"),
                        Money.ofPicos(rs.getLong("usage_picos")), rs.getLong("requests"),
                        rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
                        rs.getLong("reasoning_tokens")))
                .list());
    }

    @Override
    public List<ActivityRow> activity(String accountId, LocalDate from, LocalDate to, ActivityRow.Grouping grouping) {
        return activity(accountId, from, to, Optional.of(grouping), Optional.empty());
    }

    @Override
    public List<ActivityRow> activity(String accountId, LocalDate from, LocalDate to, Optional<ActivityRow.Grouping> grouping,
                                      Optional<String> workspaceId) {
        String columns = grouping.map(g -> switch (g) {
            case APP -> ", http_referer, app_title";
            case SESSION -> ", session_id";
            case WORKSPACE -> ", workspace";
        }).orElse("");
        // A generation's workspace is its key's (fixed when the key is made); keys without one, and keys from the
        // configuration file, spend in the account's default workspace.
        String sql = """
                SELECT day, model, provider_name, endpoint_id<columns>,
                       SUM(cost_total_picos) AS usage_picos, COUNT(*) AS requests,
                       SUM(tokens_prompt) AS prompt_tokens, SUM(tokens_completion) AS completion_tokens,
                       SUM(tokens_reasoning) AS reasoning_tokens
                FROM (SELECT g.*, COALESCE(k.workspace_id, :default) AS workspace
                      FROM generations g LEFT JOIN api_keys k ON k.hash = g.key_hash
                      WHERE g.account_id = :account AND g.created_at >= :from AND g.created_at < :until) t
                WHERE :every OR workspace = :workspace
                GROUP BY day, model, provider_name, endpoint_id<columns>
                ORDER BY day DESC, model, provider_name, endpoint_id<columns>""".replace("<columns>", columns);
        Optional<ActivityRow.Grouping> by = grouping;
        return reader.with("read activity", h -> h.createQuery(sql)
                .bind("account", accountId)
                .bind("default", DefaultWorkspace.id(accountId))
                .bind("every", workspaceId.isEmpty())
                .bind("workspace", workspaceId.orElse(""))
                .bind("from", Columns.micros(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .bind("until", Columns.micros(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .map((rs, ctx) -> new ActivityRow(LocalDate.parse(rs.getString("day")), rs.getString("model"),
                        rs.getString("provider_name"), rs.getString("endpoint_id"),
                        Money.ofPicos(rs.getLong("usage_picos")), rs.getLong("requests"),
                        rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getLong("reasoning_tokens"),
                        by.equals(Optional.of(ActivityRow.Grouping.APP)) ? Columns.optionalString(rs, "http_referer") : Optional.empty(),
                        by.equals(Optional.of(ActivityRow.Grouping.APP)) ? Columns.optionalString(rs, "app_title") : Optional.empty(),
                        by.equals(Optional.of(ActivityRow.Grouping.SESSION)) ? Columns.optionalString(rs, "session_id") : Optional.empty(),
                        by.equals(Optional.of(ActivityRow.Grouping.WORKSPACE)) ? Columns.optionalString(rs, "workspace") : Optional.empty()))
                .list());
    }

    /**
     * Sums the generations of the range, per bucket and group: a day is the {@code day} column, an hour the creation
     * time in whole hours since the epoch (integer division, alike in both dialects).
     */
    @Override
    public List<UsageBucket> usageSeries(UsageSeriesQuery q) {
        String bucket = switch (q.bucket()) {
            case DAY -> "day";
            case HOUR -> "created_at / 3600000000";
        };
        String groups = switch (q.split()) {
            case MODEL -> "model AS grp, NULL AS title";
            case PROVIDER -> "provider_name AS grp, NULL AS title";
            case KEY -> "key_hash AS grp, NULL AS title";
            case APP -> "http_referer AS grp, app_title AS title";
        };
        String groupBy = switch (q.split()) {
            case MODEL -> "model";
            case PROVIDER -> "provider_name";
            case KEY -> "key_hash";
            case APP -> "http_referer, app_title";
        };
        String sql = """
                SELECT <bucket> AS bucket, <groups>,
                       SUM(cost_total_picos) AS usage_picos, COUNT(*) AS requests,
                       SUM(tokens_prompt) AS prompt_tokens, SUM(tokens_completion) AS completion_tokens,
                       SUM(tokens_reasoning) AS reasoning_tokens
                FROM generations
                WHERE account_id = :account <key> AND created_at >= :from AND created_at < :until
                GROUP BY <bucket>, <groupBy>
                ORDER BY 1, 2"""
                .replace("<bucket>", bucket).replace("<groups>", groups).replace("<groupBy>", groupBy)
                .replace("<key>", q.keyHash().isPresent() ? "AND key_hash = :key" : "");
        return reader.with("read the usage series", h -> {
            Query query = h.createQuery(sql)
                    .bind("account", q.accountId())
                    .bind("from", Columns.micros(q.from()))
                    .bind("until", Columns.micros(q.until()));
            q.keyHash().ifPresent(k -> query.bind("key", k));
            return query.map((rs, ctx) -> new UsageBucket(
                            q.bucket() == UsageSeriesQuery.Bucket.DAY
                                    ? LocalDate.parse(rs.getString("bucket")).atStartOfDay(ZoneOffset.UTC).toInstant()
                                    : Instant.ofEpochSecond(rs.getLong("bucket") * 3600),
                            Columns.optionalString(rs, "grp"), Columns.optionalString(rs, "title"),
                            Money.ofPicos(rs.getLong("usage_picos")), rs.getLong("requests"),
                            rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getLong("reasoning_tokens")))
                    .list();
        });
    }
}
