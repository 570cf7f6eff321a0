package dev.junction.store.jdbc;

import dev.junction.money.Money;
import dev.junction.store.AuthCode;
import dev.junction.store.AuthCodeRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.InstantSource;
import java.util.Optional;

/** PKCE codes in {@code auth_codes}; taking one deletes it in the same statement, so it works once. */
public final class JdbcAuthCodeRepository implements AuthCodeRepository {
    private final Sql writer;
    private final InstantSource clock;

    public JdbcAuthCodeRepository(JdbcDatabase database, InstantSource clock) {
        this.writer = new Sql(database.writeJdbi(), database.dialect());
        this.clock = clock;
    }

    @Override
    public void insert(AuthCode code) {
        writer.inTransaction("store an authorisation code", h -> {
            // Expired codes are of no use to anyone; clearing them here keeps the table small.
            h.createUpdate("DELETE FROM auth_codes WHERE expires_at < :now")
                    .bind("now", Columns.micros(clock.instant()))
                    .execute();
            var insert = h.createUpdate("""
                            INSERT INTO auth_codes (code_hash, account_id, callback_url, challenge, challenge_method,
                              limit_picos, created_at, expires_at)
                            VALUES (:hash, :account, :callback, :challenge, :method, :limit, :created, :expires)""")
                    .bind("hash", code.codeHash())
                    .bind("account", code.accountId())
                    .bind("callback", code.callbackUrl())
                    .bind("created", Columns.micros(code.createdAt()))
                    .bind("expires", Columns.micros(code.expiresAt()));
            code.challenge().ifPresentOrElse(c -> insert.bind("challenge", c),
                    () -> insert.bindNull("challenge", Types.VARCHAR));
            code.challengeMethod().ifPresentOrElse(m -> insert.bind("method", m),
                    () -> insert.bindNull("method", Types.VARCHAR));
            code.limit().ifPresentOrElse(l -> insert.bind("limit", l.picos()),
                    () -> insert.bindNull("limit", Types.BIGINT));
            return insert.execute();
        });
    }

    @Override
    public Optional<AuthCode> take(String codeHash) {
        return writer.with("take an authorisation code", h -> h.createQuery("""
                        DELETE FROM auth_codes WHERE code_hash = :hash
                        RETURNING code_hash, account_id, callback_url, challenge, challenge_method, limit_picos,
                          created_at, expires_at""")
                .bind("hash", codeHash)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    private static AuthCode map(ResultSet rs) throws SQLException {
        return new AuthCode(
                rs.getString("code_hash"),
                rs.getString("account_id"),
                rs.getString("callback_url"),
                Columns.optionalString(rs, "challenge"),
                Columns.optionalString(rs, "challenge_method"),
                Columns.optionalLong(rs, "limit_picos").map(Money::ofPicos),
                Columns.instant(rs.getLong("created_at")),
                Columns.instant(rs.getLong("expires_at")));
    }
}
