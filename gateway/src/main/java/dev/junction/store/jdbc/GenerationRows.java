package dev.junction.store.jdbc;

import dev.junction.accounting.Cost;
import dev.junction.accounting.GenerationRecord;
import dev.junction.money.Money;
import dev.junction.accounting.TokenUsage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static dev.junction.store.jdbc.Columns.optionalString;
import static dev.junction.store.jdbc.Columns.setOptional;

/** A {@link GenerationRecord} as a row of {@code generations}, both ways. */
final class GenerationRows {
    /** Inserts unless the id is there already; the update count says which (1 new, 0 skipped). */
    static final String INSERT = """
            INSERT INTO generations (id, key_hash, account_id, model, provider_name, endpoint_id, upstream_id,
              created_at, day, streamed, cancelled, finish_reason, native_finish_reason,
              tokens_prompt, tokens_completion, tokens_cached, tokens_cache_write, tokens_reasoning, usage_estimated,
              cost_prompt_picos, cost_completion_picos, cost_fees_picos, cost_total_picos,
              latency_ms, generation_ms, external_user, http_referer, app_title, user_agent, attempts, media_in_prompt,
              session_id, router, cache_discount_picos, notes, api_type)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING""";

    private GenerationRows() {}

    static void bind(PreparedStatement ps, GenerationRecord g) throws SQLException {
        int i = 0;
        ps.setString(++i, g.id());
        ps.setString(++i, g.keyHash());
        ps.setString(++i, g.accountId());
        ps.setString(++i, g.model());
        ps.setString(++i, g.providerName());
        ps.setString(++i, g.endpointId());
        setOptional(ps, ++i, g.upstreamId());
        ps.setLong(++i, Columns.micros(g.createdAt()));
        ps.setString(++i, Columns.day(g.createdAt()));
        ps.setBoolean(++i, g.streamed());
        ps.setBoolean(++i, g.cancelled());
        setOptional(ps, ++i, g.finishReason());
        setOptional(ps, ++i, g.nativeFinishReason());
        TokenUsage u = g.usage();
        ps.setLong(++i, u.promptTokens());
        ps.setLong(++i, u.completionTokens());
        ps.setLong(++i, u.cachedTokens());
        ps.setLong(++i, u.cacheWriteTokens());
        ps.setLong(++i, u.reasoningTokens());
        ps.setBoolean(++i, u.estimated());
        ps.setLong(++i, g.cost().prompt().picos());
        ps.setLong(++i, g.cost().completion().picos());
        ps.setLong(++i, g.cost().fees().picos());
        ps.setLong(++i, g.cost().total().picos());
        ps.setLong(++i, g.latencyMillis());
        ps.setLong(++i, g.generationMillis());
        setOptional(ps, ++i, g.externalUser());
        setOptional(ps, ++i, g.httpReferer());
        setOptional(ps, ++i, g.appTitle());
        setOptional(ps, ++i, g.userAgent());
        ps.setString(++i, AttemptsJson.write(g.attempts()));
        ps.setInt(++i, g.mediaInPrompt());
        setOptional(ps, ++i, g.sessionId());
        setOptional(ps, ++i, g.router());
        ps.setLong(++i, g.cacheDiscount().picos());
        setOptional(ps, ++i, NotesJson.write(g.notes()));
        ps.setString(++i, g.apiType());
    }

    static GenerationRecord map(ResultSet rs) throws SQLException {
        return new GenerationRecord(
                rs.getString("id"),
                rs.getString("key_hash"),
                rs.getString("account_id"),
                rs.getString("model"),
                rs.getString("provider_name"),
                rs.getString("endpoint_id"),
                optionalString(rs, "upstream_id"),
                Columns.instant(rs.getLong("created_at")),
                rs.getBoolean("streamed"),
                rs.getBoolean("cancelled"),
                optionalString(rs, "finish_reason"),
                optionalString(rs, "native_finish_reason"),
                new TokenUsage(rs.getLong("tokens_prompt"), rs.getLong("tokens_completion"),
                        rs.getLong("tokens_cached"), rs.getLong("tokens_cache_write"),
                        rs.getLong("tokens_reasoning"), rs.getBoolean("usage_estimated")),
                new Cost(Money.ofPicos(rs.getLong("cost_prompt_picos")),
                        Money.ofPicos(rs.getLong("cost_completion_picos")),
                        Money.ofPicos(rs.getLong("cost_fees_picos"))),
                rs.getLong("latency_ms"),
                rs.getLong("generation_ms"),
                optionalString(rs, "external_user"),
                optionalString(rs, "http_referer"),
                optionalString(rs, "app_title"),
                optionalString(rs, "user_agent"),
                AttemptsJson.read(rs.getString("attempts")),
                rs.getInt("media_in_prompt"),
                optionalString(rs, "session_id"),
                optionalString(rs, "router"),
                Money.ofPicos(rs.getLong("cache_discount_picos")),
                NotesJson.read(rs.getString("notes")),
                rs.getString("api_type"));
    }
}
