-- Bring-your-own-key provider credentials (issue 21), the PostgreSQL dialect of the SQLite migration. secret: the key encrypted with AES-256-GCM under the
-- gateway's byok.encryption-key — base64 of a 12-byte nonce followed by the ciphertext and its tag; the database
-- alone never reveals it. settings: the entry's flags and lists as JSON, in the API's field names.
CREATE TABLE byok_keys (
    id            TEXT    COLLATE "C" PRIMARY KEY,
    account_id    TEXT    NOT NULL,
    provider      TEXT    NOT NULL,
    name          TEXT,
    label         TEXT    NOT NULL,
    secret        TEXT    NOT NULL,
    settings      TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT
);

CREATE INDEX byok_keys_by_account ON byok_keys (account_id, provider, created_at);
