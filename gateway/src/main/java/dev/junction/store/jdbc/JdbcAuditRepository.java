package dev.junction.store.jdbc;

import dev.junction.store.AuditEntry;
import dev.junction.store.AuditRepository;

import java.util.List;
import java.util.OptionalLong;

/** The audit log in {@code audit_log}: rows are only ever inserted. */
public final class JdbcAuditRepository implements AuditRepository {
    private final Sql writer;
    private final Sql reader;

    public JdbcAuditRepository(JdbcDatabase database) {
        this.writer = new Sql(database.writeJdbi(), database.dialect());
        this.reader = new Sql(database.readJdbi(), database.dialect());
    }

    @Override
    public void append(AuditEntry e) {
        writer.with("write the audit log", h -> h.createUpdate("""
                        INSERT INTO audit_log (account_id, actor, action, resource_type, resource_id, details, created_at)
                        VALUES (:account, :actor, :action, :type, :resource, :details, :created)""")
                .bind("account", e.accountId())
                .bind("actor", e.actor())
                .bind("action", e.action())
                .bind("type", e.resourceType())
                .bind("resource", e.resourceId())
                .bind("details", e.detailsJson())
                .bind("created", Columns.micros(e.createdAt()))
                .execute());
    }

    @Override
    public List<AuditEntry> list(String accountId, OptionalLong before, int limit) {
        return reader.with("read the audit log", h -> h.createQuery("""
                        SELECT id, account_id, actor, action, resource_type, resource_id, details, created_at
                        FROM audit_log WHERE account_id = :account AND id < :before ORDER BY id DESC LIMIT :limit""")
                .bind("account", accountId)
                .bind("before", before.orElse(Long.MAX_VALUE))
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getLong("id"), rs.getString("account_id"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"),
                        rs.getString("details"), Columns.instant(rs.getLong("created_at"))))
                .list());
    }
}
